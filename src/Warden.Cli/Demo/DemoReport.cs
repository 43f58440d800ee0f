using System.Text.Json;

namespace Warden.Cli.Demo;

/// <summary>The JSON shape of <c>warden demo --json</c>.</summary>
internal sealed record DemoReport(string Policy, string Data, IReadOnlyList<ScenarioReport> Scenarios, int AuditEvents, string AuditFile, IReadOnlyList<string> Anomalies)
{
    /// <summary>True when every step was decided as the script expects.</summary>
    public bool AsExpected => Scenarios.All(s => s.Steps.All(step => step.AsExpected));
}

/// <summary>One scenario's steps.</summary>
internal sealed record ScenarioReport(string Name, string Description, IReadOnlyList<StepReport> Steps);

/// <summary>One step: what the agent did, what the gate decided, and what the detectors saw (<c>kind:detector@location</c>).</summary>
internal sealed record StepReport(
    int Step,
    string Action,
    string? Tool,
    string? Prompt,
    JsonElement? Arguments,
    string Decision,
    string? Stage,
    string Rule,
    string Reason,
    string Expected,
    string Narration,
    string? Outcome,
    string? Output,
    IReadOnlyList<string> Findings)
{
    /// <summary>True when the gate decided what the script expects.</summary>
    public bool AsExpected => Decision == Expected;
}
