namespace Warden;

/// <summary>One stage's decision, as recorded in the gate's trail.</summary>
/// <param name="Stage">The stage's name.</param>
/// <param name="Decision">What it decided.</param>
public sealed record StageDecision(string Stage, Decision Decision);
