using Warden.Tools;

namespace Warden;

/// <summary>What the gate decided on a call, each stage's decision, and the tool's outcome if it ran.</summary>
/// <param name="Decision">The decision in force: the first stage's refusal, or an allow.</param>
/// <param name="Stage">The stage that refused, or null when every stage allowed.</param>
/// <param name="Trail">Each stage's decision, in order, up to the one that refused.</param>
/// <param name="Outcome">How the tool ran, or null when it did not.</param>
/// <param name="Findings">What the detectors saw.</param>
/// <param name="ShadowDecision">In shadow mode: the refusal that was recorded but not enforced.</param>
public sealed record GateResult(
    Decision Decision,
    string? Stage,
    IReadOnlyList<StageDecision> Trail,
    ToolOutcome? Outcome,
    IReadOnlyList<Finding> Findings,
    Decision? ShadowDecision = null)
{
    /// <summary>True when the tool ran and answered.</summary>
    public bool Succeeded => Decision.IsAllowed && Outcome?.Status == ToolStatus.Succeeded;
}
