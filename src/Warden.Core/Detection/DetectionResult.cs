namespace Warden.Detection;

/// <summary>A detector's verdict on one text: a score and the span that drove it. A value, so that a miss costs nothing.</summary>
/// <param name="Score">From 0 (nothing seen) to 1 (certain).</param>
/// <param name="Start">Where the deciding span starts.</param>
/// <param name="Length">The span's length; 0 when nothing was seen.</param>
public readonly record struct DetectionResult(double Score, int Start, int Length)
{
    /// <summary>Nothing seen.</summary>
    public static DetectionResult None => default;
}
