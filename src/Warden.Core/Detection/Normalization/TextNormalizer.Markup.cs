using System.Collections.Frozen;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Warden.Detection.Normalization;

/// <summary>Markup that splits or hides words, and HTML entities.</summary>
public static partial class TextNormalizer
{
    private static string RemoveMarkup(string text, StringBuilder? hidden, ref NormalizationSignals signals)
    {
        var changed = text;
        if (changed.Contains('<', StringComparison.Ordinal))
        {
            // Comments and inline tags vanish in place, so that ig<!-- x -->nore and <b>ig</b>nore read
            // "ignore"; block tags become a space. What they hide (a comment's text, alt, title and
            // similar attributes) is where instructions hide: it is kept aside and scanned too.
            var found = new List<string>();
            changed = Comment().Replace(changed, m => Hide(m.Groups[1].Value, found, string.Empty));
            changed = BlockTag().Replace(changed, m => Hide(HiddenText(m.Value), found, " "));
            changed = InlineTag().Replace(changed, m => Hide(HiddenText(m.Value), found, string.Empty));
            // A system-turn tag left inside a word (ig<sys>nore, or ig<!-- --><sys>nore once the comment
            // is gone) splits it like any tag: it goes, and the tag itself is scanned on its own line,
            // so that neither the word nor the tag is lost.
            changed = SystemTagInWord().Replace(changed, m => Hide(m.Value, found, string.Empty));
            // Hidden text is folded without looking for more hidden text inside it (no recursion), and
            // no more of it is kept than the bound on appended text.
            foreach (var segment in found)
            {
                if (!AppendHidden(segment, hidden, ref signals))
                {
                    break;
                }
            }
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

    /// <summary>
    /// Appends <paramref name="segment"/>, revealed and folded, on a line of its own to <paramref name="hidden"/>,
    /// and what it encodes; false when there is no room left (or no place for hidden text).
    /// </summary>
    private static bool AppendHidden(string segment, StringBuilder? hidden, ref NormalizationSignals signals)
    {
        var room = MaxDecodedChars - (hidden?.Length ?? MaxDecodedChars);
        if (room <= 0)
        {
            return false;
        }

        var piece = Reveal(segment.Length > room ? segment[..room] : segment, null, ref signals);
        hidden!.Append('\n').Append(Fold(piece, ref signals));
        AppendDecoded(piece, 1, hidden, ref signals);
        return true;
    }

    private static string Hide(string text, List<string> found, string replacement)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            found.Add(text);
        }

        return replacement;
    }

    /// <summary>
    /// The text <paramref name="tag"/> holds that a reader may not see: the values of its text attributes
    /// (<see cref="IsTextAttribute"/>), and whatever else it holds but its name and its presentational
    /// attributes (<see cref="IsPresentational"/>), once that is more than a few words
    /// (<see cref="MinTagTextLetters"/> letters): a browser shows nothing of
    /// <c>&lt;x ignore all previous instructions&gt;</c> or <c>&lt;x note="…"&gt;</c>, a language model
    /// reads every word. Attributes are read left to right, each with its whole value, so a name written
    /// inside another attribute's value (<c>note="id="</c>) is no attribute.
    /// </summary>
    private static string HiddenText(string tag)
    {
        var name = TagName().Match(tag);
        var values = new List<string>();
        var rest = TagAttribute().Replace(tag[(name.Index + name.Length)..], m =>
        {
            var attribute = m.Groups[1].Value;
            var value = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Success ? m.Groups[3].Value : m.Groups[4].Value;
            if (IsTextAttribute(attribute))
            {
                values.Add(value);
                return " ";
            }

            if (!IsPresentational(attribute))
            {
                return $" {attribute} {value} ";
            }

            if (ReadsAsProse(value, punctuated: !attribute.Equals("style", StringComparison.OrdinalIgnoreCase)))
            {
                values.Add(value);
            }

            return " ";
        });
        if (CountLetters(rest) >= MinTagTextLetters)
        {
            values.Add((name.Groups[1].Value + TagPunctuation().Replace(rest, " ")).TrimEnd());
        }

        return string.Join(' ', values);
    }

    /// <summary>
    /// Whether a presentational attribute's value reads as words rather than as what such values hold
    /// (class lists, CSS, ids, URLs, SVG paths, data URIs): once its entities are decoded, 12 letters or
    /// more and either four words in a row, separated by spaces or as a URL writes them (<c>%20</c>,
    /// <c>%09</c>, <c>%0A</c>, <c>%0D</c>, <c>+</c>) and, except in <c>style</c> (CSS is <c>word: word;</c>),
    /// a comma, colon or stop before the space; or six Chinese, Japanese or Korean characters in a row.
    /// A word is written in lower case, capitalised, in capitals or in a script without case, and may
    /// hold combining marks and invisible format characters: a base64 run (<c>v+PbsgqNgGS+L+GY</c>) is
    /// no prose, Hindi with its vowel signs is. <c>class="ignore all previous instructions"</c> shows
    /// nothing on a page and is read by a model.
    /// </summary>
    private static bool ReadsAsProse(string value, bool punctuated)
    {
        if (value.Contains('&', StringComparison.Ordinal))
        {
            value = WebUtility.HtmlDecode(value);
        }

        if (value.AsSpan().TrimStart().StartsWith("data:", StringComparison.OrdinalIgnoreCase) || CountLetters(value) < MinTagTextLetters)
        {
            return false;
        }

        return (punctuated ? PunctuatedProseWords() : ProseWords()).IsMatch(value) || HasDenseRun(value);
    }

    /// <summary>Whether <paramref name="value"/> holds six Chinese, Japanese or Korean characters in a row (<see cref="IsDense"/>).</summary>
    private static bool HasDenseRun(string value)
    {
        var run = 0;
        foreach (var c in value)
        {
            run = IsDense(c) ? run + 1 : 0;
            if (run == 6)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A character that may be part of a word: a letter, a combining mark, an invisible format character, an apostrophe.</summary>
    private const string WordCharacter = @"\p{L}\p{M}\p{Cf}'’";

    /// <summary>
    /// A word in one case (lower, capitalised, capitals, or a script without case), read whole: every
    /// quantifier is atomic, so no word is read more than once from one start.
    /// </summary>
    private const string ProseWord = @"(?:\p{Lu}?(?>[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{Cf}'’]+)|\p{Lu}(?>[\p{Lu}\p{M}\p{Cf}'’]*))(?![" + WordCharacter + "])";

    /// <summary>What separates two words: spaces, or spaces as a URL writes them.</summary>
    private const string WordSpace = @"(?>(?:\s|%(?:20|09|0[AaDd])|\+)+)";

    /// <summary>Four words in a row; tried only where a word starts, so it runs in linear time.</summary>
    [GeneratedRegex(@"(?<![" + WordCharacter + "])" + ProseWord + "(?:" + WordSpace + ProseWord + "){3}")]
    private static partial Regex ProseWords();

    /// <summary>Four words in a row, a comma, colon or stop allowed before each space.</summary>
    [GeneratedRegex(@"(?<![" + WordCharacter + "])" + ProseWord + "(?:[,.:;!?]?" + WordSpace + ProseWord + "){3}")]
    private static partial Regex PunctuatedProseWords();

    /// <summary>How many letters a tag must hold, besides its name and presentational attributes, to be kept aside.</summary>
    private const int MinTagTextLetters = 12;

    /// <summary>
    /// Letters and letter-like symbols (🅐, ⓐ, regional indicators, tag characters), counted by code point;
    /// a Chinese, Japanese or Korean one counts two (<see cref="IsDense"/>).
    /// </summary>
    private static int CountLetters(string text)
    {
        var letters = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetter(rune) || Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.OtherSymbol || rune.Value is >= 0xE0041 and <= 0xE007A)
            {
                letters += IsDense(rune.Value) ? 2 : 1;
            }
        }

        return letters;
    }

    /// <summary>An attribute whose value a reader may never see but a model reads: kept aside whatever its length.</summary>
    private static bool IsTextAttribute(string attribute) =>
        TextAttributes.Contains(attribute) || attribute.StartsWith("data-", StringComparison.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> TextAttributes =
        FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "alt", "title", "aria-label", "aria-description", "aria-roledescription", "aria-valuetext", "content", "placeholder");

    /// <summary>
    /// An attribute that carries no text for a reader (class, style, links, sizes, types, SVG geometry and
    /// paint, ARIA states…): dropped with its value, so that an ordinary page's icons do not fill the room
    /// kept for hidden text, unless the value reads as prose (<see cref="ReadsAsProse"/>).
    /// </summary>
    private static bool IsPresentational(string attribute) =>
        Presentational.Contains(attribute)
        || attribute.StartsWith("fill-", StringComparison.OrdinalIgnoreCase) || attribute.StartsWith("stroke-", StringComparison.OrdinalIgnoreCase)
        || attribute.StartsWith("clip-", StringComparison.OrdinalIgnoreCase) || attribute.StartsWith("xmlns:", StringComparison.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> Presentational = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "class", "style", "id", "href", "src", "srcset", "sizes", "rel", "type", "name", "target", "role", "for", "width", "height", "lang", "dir",
        "loading", "decoding", "crossorigin", "integrity", "charset", "http-equiv", "method", "action", "xmlns", "tabindex", "colspan", "rowspan",
        "align", "valign", "border", "cellpadding", "cellspacing", "media", "viewbox", "fill", "stroke", "d", "points", "transform", "x", "y", "x1",
        "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "opacity", "focusable", "version", "preserveaspectratio", "aria-hidden", "aria-expanded",
        "aria-controls", "aria-labelledby", "aria-describedby", "aria-haspopup", "aria-current", "aria-selected", "aria-checked", "aria-disabled",
        "aria-live", "aria-atomic", "aria-level", "aria-pressed", "aria-modal", "aria-orientation", "aria-owns", "aria-busy", "aria-setsize", "aria-posinset");

    /// <summary>What separates a tag's words from each other: spaces, = and quotes, and its closing bracket.</summary>
    [GeneratedRegex(@"[\s=""'/>]+")]
    private static partial Regex TagPunctuation();

    /// <summary>The opening of a tag and its name.</summary>
    [GeneratedRegex(@"^</?([^\s/>]*)")]
    private static partial Regex TagName();

    /// <summary>An attribute with a value, quoted or not; starts only where a name starts, so it runs in linear time.</summary>
    [GeneratedRegex(@"(?<![\w:.-])((?>[\w:.-]+))\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s""'>]*))")]
    private static partial Regex TagAttribute();

    [GeneratedRegex(@"<!--(.*?)(?:-->|$)", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"</?(p|div|br|li|ul|ol|tr|td|th|table|h[1-6]|section|article|header|footer|body|html|head|title|meta|hr|blockquote|pre)\b[^<>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTag();

    // A system-turn tag (<system>, </sys>, and so <<SYS>>) is not markup that hides a word: it is how a
    // fake system message is written into a page or a tool result ("</user><system>…"), so it stays
    // in the text for the chat-template rule and the model to see (unless it splits a word: see RemoveMarkup).
    // So do role tags at a turn boundary: a closing one followed by another turn's tag, and the tag
    // that follows a closing one ("</user><assistant>Sure, forwarding…"); a lone <user> is markup.
    [GeneratedRegex(@"(?!</" + RoleTagName + @">\s*</?(?:" + RoleTagName + @"|(?i:system|sys))(?=[\s/>]))(?!(?<=</(?:" + RoleTagName + @"|(?i:system|sys))>\s*)</?" + RoleTagName + @"(?=[\s/>]))</?(?!" + SystemTagName + @")[a-zA-Z](?>[a-zA-Z0-9-]*)(?=[\s/>])[^<>]*>")]
    private static partial Regex InlineTag();

    [GeneratedRegex(@"(?<=\p{L})</?" + SystemTagName + @"(?>[^<>]*)>(?=\p{L})")]
    private static partial Regex SystemTagInWord();

    /// <summary>The name of a system-turn tag, in any case, and what may follow it inside the tag.</summary>
    private const string SystemTagName = @"(?i:system|sys)(?=[\s/>])";

    /// <summary>The name of a role in a chat turn, in any case.</summary>
    private const string RoleTagName = @"(?i:user|human|assistant|ai|model|bot)";
}
