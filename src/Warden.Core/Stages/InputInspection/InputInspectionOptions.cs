using Warden.Detection;

namespace Warden.Stages.InputInspection;

/// <summary>Settings of input inspection; the defaults are the brief's.</summary>
public sealed record InputInspectionOptions
{
    /// <summary>The longest prompt accepted, in characters: 10,000.</summary>
    public int MaxCharacters { get; init; } = 10_000;

    /// <summary>The most tokens (o200k_base) a prompt may hold: 4,000.</summary>
    public int MaxTokens { get; init; } = 4_000;

    /// <summary>The detector in the gate's detector slot.</summary>
    public IInjectionDetector Detector { get; init; } = LayeredInjectionDetector.Default;

    /// <summary>A detector score at or above this refuses the input.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Whether string arguments of tool calls are scanned by the detector too.</summary>
    public bool ScanToolArguments { get; init; } = true;
}
