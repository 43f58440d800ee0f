using Warden.Auditing;
using Warden.Stages.Authorization;

namespace Warden;

/// <summary>The early role check a front end (the gateway) makes before a call reaches its protocol handler.</summary>
public sealed partial class Gate
{
    /// <summary>
    /// Refuses, and records as a SECURITY_VIOLATION, a call to a tool the agent's role does not grant
    /// (an unbound tool, an agent without a role, a role without the tool's capability), before
    /// anything else runs; null when the role grants the tool (the call then goes through
    /// <see cref="InvokeAsync"/> as usual) or when the policy is in shadow mode (where the gate
    /// records the refusal without enforcing it).
    /// </summary>
    public async ValueTask<GateResult?> RefuseBeyondRoleAsync(ToolCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var policy = _policy.Current;
        if (policy.Mode == Policies.PolicyMode.Shadow || AuthorizationStage.RoleRefusal(policy, call.Tool, call.Principal) is not { } refusal)
        {
            return null;
        }

        var result = new GateResult(refusal, AuthorizationStage.StageName, [new StageDecision(AuthorizationStage.StageName, refusal)], null, []);
        var auditEvent = new AuditEvent
        {
            Id = NewEventId(),
            Timestamp = _time.GetUtcNow(),
            Type = AuditEventType.SecurityViolation,
            AgentId = call.Principal.AgentId,
            SessionId = call.SessionId,
            Tool = call.Tool,
            Decision = refusal.Kind,
            Stage = AuthorizationStage.StageName,
            Rule = refusal.Rule,
            Reason = refusal.Reason,
            MaskedArguments = SecretMasker.MaskToUtf8(call.Arguments, Audit.Digest),
        };
        cancellationToken.ThrowIfCancellationRequested();
        return await AppendFailClosedAsync(auditEvent, result).ConfigureAwait(false);
    }
}
