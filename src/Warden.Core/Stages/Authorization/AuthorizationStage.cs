
namespace Warden.Stages.Authorization;

/// <summary>
/// The policy's least-privilege check: the tool must be bound, the agent must have a role (its own or
/// the default), the role must grant the tool's capability, the arguments must satisfy the tool's
/// schema, and the session must be within the agent's tool-call budget.
/// </summary>
public sealed class AuthorizationStage : GateStage
{
    /// <summary>The stage's name.</summary>
    public const string StageName = "authorization";

    /// <inheritdoc />
    public override string Name => StageName;

    /// <inheritdoc />
    public override ValueTask<Decision> EvaluateAsync(GateContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Decide(context));

    /// <summary>
    /// The refusal of an agent reaching beyond its role: the tool is not bound, the agent has no role,
    /// or its role lacks the tool's capability; null when the role grants the tool. The gateway asks
    /// this before a call reaches MCP, to answer 403.
    /// </summary>
    public static Decision? RoleRefusal(Policies.Policy policy, string tool, Principal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var agentId = principal.AgentId;
        ArgumentNullException.ThrowIfNull(policy);
        if (!policy.Tools.TryGetValue(tool, out var binding))
        {
            return Decision.Deny("tools.unbound", $"the policy binds no tool '{tool}'; unknown tools are denied");
        }

        if (policy.ResolveRole(principal) is not { } resolved)
        {
            return Decision.Deny("agents.unknown", $"the policy names no agent '{agentId}' and sets no default_role");
        }

        return resolved.Role.Grants(binding.Capability)
            ? null
            : Decision.Deny(
                $"roles.{resolved.Role.Name}",
                $"role '{resolved.Role.Name}' (from {resolved.Rule}) lacks '{binding.Capability}', which tool '{tool}' needs");
    }

    private static Decision Decide(GateContext context)
    {
        var tool = context.Call.Tool;
        var agentId = context.Principal.AgentId;
        if (RoleRefusal(context.Policy, tool, context.Principal) is { } refusal)
        {
            return refusal;
        }

        var binding = context.Binding!;
        var resolved = context.Policy.ResolveRole(context.Principal)!.Value;
        if (binding.ArgumentSchema is { } schema)
        {
            var evaluation = schema.Evaluate(context.Call.Arguments, SchemaErrors.Options);
            if (!evaluation.IsValid)
            {
                return Decision.Deny($"tools.{tool}.arguments", $"the arguments do not match the schema of '{tool}': {SchemaErrors.Describe(evaluation)}");
            }
        }

        if (context.Policy.Agents.TryGetValue(agentId, out var agent) &&
            agent.Limits.ToolCallsPerSession is { } budget &&
            context.Session.ToolCalls >= budget)
        {
            return Decision.Deny(
                $"agents.{agentId}.limits.tool_calls_per_session",
                $"session '{context.Session.Id}' has made {context.Session.ToolCalls} tool calls; the limit is {budget}");
        }

        return context.DryRun
            ? Decision.Allowed(resolved.Rule, $"role '{resolved.Role.Name}' grants '{binding.Capability}'")
            : AllowedDecisions.For(resolved.Role.Name, binding.Capability, resolved.Rule);
    }
}
