using Warden.Detection.Normalization;

namespace Warden.Detection;

/// <summary>Everything the layered detector found in one text.</summary>
/// <param name="Score">The highest score of any rule or the model, from 0 to 1.</param>
/// <param name="IsInjection">True when the score reaches the threshold.</param>
/// <param name="Findings">Each rule that matched, the model's score, and each normalisation step that fired.</param>
/// <param name="Signals">The normalisation steps that changed the text.</param>
public sealed record DetectionReport(double Score, bool IsInjection, IReadOnlyList<Finding> Findings, NormalizationSignals Signals);
