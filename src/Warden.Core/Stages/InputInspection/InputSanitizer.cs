using System.Text.RegularExpressions;

namespace Warden.Stages.InputInspection;

/// <summary>
/// The brief's input sanitiser for prompt text: a length limit, HTML stripped, runs of blank lines
/// collapsed, a token limit, then the detector on what is left.
/// </summary>
public sealed partial class InputSanitizer(InputInspectionOptions options)
{
    /// <summary>The settings.</summary>
    public InputInspectionOptions Options { get; } = options;

    /// <summary>Sanitises and inspects <paramref name="text"/>.</summary>
    public InputResult Sanitize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > Options.MaxCharacters)
        {
            return Refuse("input.length", $"the input is {text.Length} characters long; the limit is {Options.MaxCharacters}");
        }

        var cleaned = StripHtml(text);
        if (TokenCounter.Exceeds(cleaned, Options.MaxTokens, out var tokens))
        {
            return Refuse("input.tokens", $"the input holds {tokens} tokens; the limit is {Options.MaxTokens}");
        }

        var detection = Options.Detector.Detect(cleaned);
        if (detection.Score >= Options.Threshold)
        {
            List<Finding> findings = [new Finding("injection", Options.Detector.Id, detection.Score, detection.Start, detection.Length, "prompt")];
            if (Options.Detector is Detection.LayeredInjectionDetector layered)
            {
                findings.AddRange(layered.Analyze(cleaned, "prompt").Findings);
            }

            return new InputResult(
                Decision.Deny($"input.detector.{Options.Detector.Id}", $"the detector '{Options.Detector.Id}' scored the input {detection.Score:0.00} for prompt injection"),
                string.Empty,
                findings,
                tokens);
        }

        return new InputResult(Decision.Allowed("input", "the input passed inspection"), cleaned, [], tokens);
    }

    /// <summary>Removes scripts, styles, comments and tags; normalises line ends; collapses runs of blank lines to one.</summary>
    public static string StripHtml(string text)
    {
        // Repeat until nothing changes, so that removing one tag cannot assemble another: <scr<b>ipt>.
        var current = text;
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var next = Tag().Replace(Comment().Replace(ScriptOrStyle().Replace(current, string.Empty), string.Empty), string.Empty);
            if (next.Length == current.Length)
            {
                break;
            }

            current = next;
        }

        // Whatever still looks like markup after the passes loses its angle brackets.
        if (Tag().IsMatch(current))
        {
            current = current.Replace('<', ' ').Replace('>', ' ');
        }

        var unixLines = current.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return BlankLines().Replace(unixLines, "\n\n").Trim();
    }

    private const int MaxPasses = 8;

    private static InputResult Refuse(string rule, string reason) => new(Decision.Deny(rule, reason), string.Empty, [], null);

    [GeneratedRegex(@"<(script|style)\b[^>]*>[\s\S]*?</\1\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<!--[\s\S]*?(-->|$)")]
    private static partial Regex Comment();

    [GeneratedRegex(@"</?[A-Za-z!/][^<>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\n[ \t]*(\n[ \t]*)+\n")]
    private static partial Regex BlankLines();
}
