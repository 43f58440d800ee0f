namespace Warden;

/// <summary>What a detector saw in a piece of text.</summary>
/// <param name="Kind">What was seen, e.g. <c>injection</c>.</param>
/// <param name="DetectorId">The detector, rule or model that saw it.</param>
/// <param name="Score">How sure the detector is, from 0 to 1.</param>
/// <param name="Start">Where the span starts in the inspected text (UTF-16 offset).</param>
/// <param name="Length">The span's length.</param>
/// <param name="Location">Where the text came from: <c>prompt</c>, or the JSON path of an argument.</param>
public sealed record Finding(string Kind, string DetectorId, double Score, int Start, int Length, string Location);
