using Warden.Policies;
using Warden.Sessions;
using Warden.Tools;

namespace Warden;

/// <summary>Everything the stages see about one call while the gate decides on it.</summary>
public sealed class GateContext
{
    private List<Finding>? _findings;

    internal GateContext(ToolCall call, Session session, Policy policy, bool dryRun, TimeProvider timeProvider)
    {
        Call = call;
        Session = session;
        Policy = policy;
        DryRun = dryRun;
        TimeProvider = timeProvider;
        Binding = policy.Tools.GetValueOrDefault(call.Tool);
    }

    /// <summary>The call.</summary>
    public ToolCall Call { get; }

    /// <summary>The caller.</summary>
    public Principal Principal => Call.Principal;

    /// <summary>The caller's session.</summary>
    public Session Session { get; }

    /// <summary>The policy in force for this call (read once, so a reload mid-call cannot mix two policies).</summary>
    public Policy Policy { get; }

    /// <summary>The policy's binding of the called tool, or null when it binds none.</summary>
    public ToolBinding? Binding { get; }

    /// <summary>True when the gate only explains: nothing runs and nothing is recorded.</summary>
    public bool DryRun { get; }

    /// <summary>The gate's clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>What detectors saw so far.</summary>
    public IReadOnlyList<Finding> Findings => _findings ?? (IReadOnlyList<Finding>)[];

    /// <summary>How the tool's execution ended, once it ran.</summary>
    public ToolOutcome? Outcome { get; set; }

    private Dictionary<string, object>? _items;

    /// <summary>What stages note for their own completion hook (e.g. that a probe slot was taken); made on first use.</summary>
    public Dictionary<string, object> Items => _items ??= new(StringComparer.Ordinal);

    /// <summary>How many of the gate's stages were evaluated (they run in order, so these are the first ones).</summary>
    internal int EvaluatedCount { get; set; }

    /// <summary>The call's idempotency key, once the execution stage has computed it; null for a call the side-effect ledger does not keep (an idempotent tool's).</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Records a finding.</summary>
    public void AddFinding(Finding finding) => (_findings ??= []).Add(finding);

    /// <summary>
    /// Marks the call as going to execution: the session counts the call against the agent's budget
    /// (atomically: concurrent calls cannot overshoot it) and takes on the tool's labels. Labels are
    /// added before the tool runs, so that a tool that fails half-way still taints. Returns the
    /// refusal when the budget is spent, else null.
    /// </summary>
    public Decision? BeginExecution()
    {
        var agentId = Principal.AgentId;
        var budget = Policy.Agents.TryGetValue(agentId, out var agent) ? agent.Limits.ToolCallsPerSession : null;
        if (!Session.TryCountToolCall(budget))
        {
            return Decision.Deny(
                $"agents.{agentId}.limits.tool_calls_per_session",
                $"session '{Session.Id}' has made {Session.ToolCalls} tool calls; the limit is {budget}");
        }

        if (Binding is not null)
        {
            Session.AddLabels((IReadOnlyCollection<string>)Binding.Labels);
        }

        return null;
    }
}
