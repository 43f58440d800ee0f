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

    /// <summary>Records a finding.</summary>
    public void AddFinding(Finding finding) => (_findings ??= []).Add(finding);

    /// <summary>
    /// Marks the call as going to execution: the session takes on the tool's labels and counts the
    /// call. Labels are added before the tool runs, so that a tool that fails half-way still taints.
    /// </summary>
    public void BeginExecution()
    {
        if (Binding is not null)
        {
            Session.AddLabels((IReadOnlyCollection<string>)Binding.Labels);
        }

        Session.CountToolCall();
    }
}
