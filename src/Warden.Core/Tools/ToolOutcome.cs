namespace Warden.Tools;

/// <summary>What came of running a tool.</summary>
/// <param name="Status">How the execution ended.</param>
/// <param name="Output">The tool's answer, or an error message that is safe to show the agent.</param>
/// <param name="Duration">How long the execution took.</param>
public sealed record ToolOutcome(ToolStatus Status, string Output, TimeSpan Duration);
