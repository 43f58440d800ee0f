using Warden.Detection;

namespace Warden.Stages.OutputInspection;

/// <summary>Settings of the scan of tool results.</summary>
public sealed record OutputInspectionOptions
{
    /// <summary>The label given by default to a session whose tool result carried an injection.</summary>
    public const string DefaultInjectionLabel = "injected";

    /// <summary>The label given by default to a session whose tool result held a secret.</summary>
    public const string DefaultSecretLabel = "private";

    /// <summary>The detector that scans results for instructions aimed at the agent (indirect injection).</summary>
    public IInjectionDetector Detector { get; init; } = LayeredInjectionDetector.Default;

    /// <summary>A score at or above this marks the result as carrying an injection.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>The label a session takes on when a result carries an injection; flow rules can match it.</summary>
    public string InjectionLabel { get; init; } = DefaultInjectionLabel;

    /// <summary>
    /// The label a session takes on when a result holds a secret or card number (by default <c>private</c>:
    /// the session has now read private data, and the flow rules for private data apply).
    /// </summary>
    public string SecretLabel { get; init; } = DefaultSecretLabel;

    /// <summary>When true, secrets found in a result are cut out of it before the agent sees it.</summary>
    public bool RedactSecrets { get; init; }

}
