using System.Net;
using System.Text.RegularExpressions;

namespace Warden.Detection.Normalization;

/// <summary>Markup that splits or hides words, and HTML entities.</summary>
public static partial class TextNormalizer
{
    private static string RemoveMarkup(string text, ref NormalizationSignals signals)
    {
        var changed = text;
        if (changed.Contains('<', StringComparison.Ordinal))
        {
            // An empty comment or an inline tag vanishes without a trace, so that ig<!-- -->nore and
            // <b>ig</b>nore read "ignore"; a comment's text and the text of alt, title and similar
            // attributes are kept, since that is where instructions hide; block tags become a space.
            changed = Comment().Replace(changed, static m => string.IsNullOrWhiteSpace(m.Groups[1].Value) ? string.Empty : $" {m.Groups[1].Value} ");
            changed = BlockTag().Replace(changed, static m => " " + HiddenText(m.Value) + " ");
            changed = InlineTag().Replace(changed, static m => HiddenText(m.Value) is { Length: > 0 } hidden ? $" {hidden} " : string.Empty);
        }

        if (changed.Contains('&', StringComparison.Ordinal))
        {
            changed = WebUtility.HtmlDecode(changed);
        }

        if (!string.Equals(changed, text, StringComparison.Ordinal))
        {
            signals |= NormalizationSignals.Markup;
        }

        return changed;
    }

    /// <summary>The values of the attributes of <paramref name="tag"/> that carry text a reader may not see.</summary>
    private static string HiddenText(string tag)
    {
        if (!tag.Contains('=', StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var values = TextAttribute().Matches(tag).Select(m => m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value);
        return string.Join(' ', values);
    }

    [GeneratedRegex(@"<!--(.*?)(?:-->|$)", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"\b(alt|title|aria-label|content|placeholder|data-[\w-]+)\s*=\s*(?:""([^""]*)""|'([^']*)')", RegexOptions.IgnoreCase)]
    private static partial Regex TextAttribute();

    [GeneratedRegex(@"</?(p|div|br|li|ul|ol|tr|td|th|table|h[1-6]|section|article|header|footer|body|html|head|title|meta|hr|blockquote|pre)\b[^<>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"</?[a-zA-Z][a-zA-Z0-9-]*\b[^<>]*>")]
    private static partial Regex InlineTag();
}
