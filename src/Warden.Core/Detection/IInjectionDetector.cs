namespace Warden.Detection;

/// <summary>
/// The gate's detector slot: scores a text for prompt injection or jailbreak. Implementations must be
/// thread-safe and should not allocate when they see nothing.
/// </summary>
public interface IInjectionDetector
{
    /// <summary>The id findings carry, e.g. <c>baseline-regex</c>.</summary>
    string Id { get; }

    /// <summary>Scores <paramref name="text"/>.</summary>
    DetectionResult Detect(ReadOnlySpan<char> text);
}
