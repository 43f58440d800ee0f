using Warden.Policies;

namespace Warden.Stages.DataFlow;

/// <summary>
/// Deterministic data-flow enforcement: a call to a tool with a sink is decided by the first flow rule
/// for that sink whose labels the session carries. Labels come from the tools the session called.
/// </summary>
public sealed class DataFlowStage : GateStage
{
    /// <summary>The stage's name.</summary>
    public const string StageName = "data-flow";

    private static readonly Decision NotASink = Decision.Allowed("flows", "the tool sends nothing out");

    /// <inheritdoc />
    public override string Name => StageName;

    /// <inheritdoc />
    public override ValueTask<Decision> EvaluateAsync(GateContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Decide(context));

    private static Decision Decide(GateContext context)
    {
        if (context.Binding?.Sink is not { } sink)
        {
            return NotASink;
        }

        foreach (var rule in context.Policy.Flows)
        {
            if (rule.To != sink || !context.Session.HasAll(rule.When))
            {
                continue;
            }

            var because = $"the session carries [{string.Join(", ", rule.When)}] and '{context.Call.Tool}' sends to '{sink}'";
            return rule.Then switch
            {
                FlowAction.Deny => Decision.Deny(rule.Id, because),
                FlowAction.RequireApproval => Decision.NeedsApproval(rule.Id, because + "; a person must approve"),
                _ => Decision.Allowed(rule.Id, because + "; the rule allows it"),
            };
        }

        return Decision.Allowed("flows", $"no flow rule for sink '{sink}' matches the session's labels [{string.Join(", ", context.Session.Labels)}]");
    }
}
