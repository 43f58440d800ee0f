using System.Text.RegularExpressions;

namespace Warden.Detection;

/// <summary>
/// The brief's detector, kept as a named baseline: the case-insensitive regular expression
/// <c>SYSTEM|ROLE:|INJECT|IGNORE PREVIOUS</c>. It misses most real injections and flags ordinary text
/// that mentions a system; it is here to be measured against and replaced.
/// </summary>
public sealed partial class BaselineRegexDetector : IInjectionDetector
{
    /// <summary>The id its findings carry.</summary>
    public const string DetectorId = "baseline-regex";

    /// <summary>One shared instance; the detector holds no state.</summary>
    public static BaselineRegexDetector Instance { get; } = new();

    /// <inheritdoc />
    public string Id => DetectorId;

    /// <inheritdoc />
    public DetectionResult Detect(ReadOnlySpan<char> text)
    {
        foreach (var match in Pattern().EnumerateMatches(text))
        {
            return new DetectionResult(1.0, match.Index, match.Length);
        }

        return DetectionResult.None;
    }

    [GeneratedRegex("SYSTEM|ROLE:|INJECT|IGNORE PREVIOUS", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
