using System.Text;

namespace Warden.Detection.Normalization;

/// <summary>
/// Undoes the character-level disguises attackers use, in this order: Unicode tag characters (the
/// ASCII they smuggle is decoded), invisible and bidi-control characters, NFKC, combining diacritics,
/// markup that splits or hides words, case, Cyrillic and Greek look-alikes in Latin words, leetspeak,
/// letters split by separators; then base64, hex and URL-encoded segments are decoded (bounded in
/// depth and size) and appended. Pure ASCII text without markup or encodings takes a short path.
/// </summary>
public static partial class TextNormalizer
{
    /// <summary>How deep encodings are unwrapped (base64 of base64 counts two).</summary>
    public const int MaxDecodeDepth = 2;

    /// <summary>The most decoded text appended, in characters.</summary>
    public const int MaxDecodedChars = 64 * 1024;

    /// <summary>Normalises <paramref name="input"/>.</summary>
    public static NormalizedText Normalize(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var signals = NormalizationSignals.None;
        var main = NormalizeCharacters(input, ref signals);
        var decoded = new StringBuilder();
        AppendDecoded(input, 1, decoded, ref signals); // encodings are case-sensitive: search the input, not the folded text
        var text = decoded.Length == 0 ? main : main + decoded.ToString();
        return new NormalizedText(text, signals, main.Length);
    }

    private static string NormalizeCharacters(string input, ref NormalizationSignals signals)
    {
        var text = input;
        if (!Ascii.IsValid(text))
        {
            text = ReplaceLoneSurrogates(text);
            text = RevealTagCharacters(text, ref signals);
            text = RemoveInvisible(text, ref signals);
            text = Compatibility(text, ref signals);
            text = RemoveDiacritics(text, ref signals);
        }

        text = RemoveMarkup(text, ref signals);
        text = text.ToLowerInvariant();
        if (!Ascii.IsValid(text))
        {
            text = FoldConfusables(text, ref signals);
        }

        text = FoldLeetspeak(text, ref signals);
        return JoinSplitLetters(text, ref signals);
    }

    /// <summary>Unpaired surrogates become U+FFFD: Unicode normalisation refuses them, and detection must never throw.</summary>
    private static string ReplaceLoneSurrogates(string text)
    {
        char[]? chars = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                chars ??= text.ToCharArray();
                chars[i] = '\uFFFD';
            }
        }

        return chars is null ? text : new string(chars);
    }

    private static string Compatibility(string text, ref NormalizationSignals signals)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC);
        if (!string.Equals(normalized, text, StringComparison.Ordinal))
        {
            signals |= NormalizationSignals.CompatibilityForms;
        }

        return normalized;
    }

    private static string RemoveDiacritics(string text, ref NormalizationSignals signals)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var removed = false;
        foreach (var c in decomposed)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                removed = true;
                continue;
            }

            builder.Append(c);
        }

        if (!removed)
        {
            return text;
        }

        signals |= NormalizationSignals.Diacritics;
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
