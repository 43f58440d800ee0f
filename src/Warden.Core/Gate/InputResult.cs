namespace Warden;

/// <summary>What the gate made of a user prompt.</summary>
/// <param name="Decision">Whether the prompt may reach the agent.</param>
/// <param name="Text">The sanitised text (tags stripped, blank lines collapsed), or empty when refused.</param>
/// <param name="Findings">What the detectors saw.</param>
/// <param name="TokenCount">The tokens counted, or null when the text was short enough not to need counting.</param>
public sealed record InputResult(Decision Decision, string Text, IReadOnlyList<Finding> Findings, int? TokenCount);
