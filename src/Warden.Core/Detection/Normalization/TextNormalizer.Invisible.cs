using System.Text;

namespace Warden.Detection.Normalization;

/// <summary>Tag characters and invisible characters.</summary>
public static partial class TextNormalizer
{
    /// <summary>Unicode tags U+E0000–E007F: U+E0020–E007E carry ASCII (tag smuggling); the rest are dropped.</summary>
    private static string RevealTagCharacters(string text, ref NormalizationSignals signals) =>
        ReplaceSupplementary(text, '\uDB40', codePoint => codePoint is < 0xE0000 or > 0xE007F ? -1 : codePoint - 0xE0000 is >= 0x20 and <= 0x7E and var ascii ? ascii : 0, NormalizationSignals.TagCharacters, ref signals);

    /// <summary>
    /// Replaces the characters outside the Basic Multilingual Plane whose high surrogate is
    /// <paramref name="highSurrogate"/> as <paramref name="map"/> says: a character (a code point of the
    /// BMP), 0 to drop it, -1 to keep it. Reports <paramref name="signal"/> when anything was replaced.
    /// </summary>
    private static string ReplaceSupplementary(string text, char highSurrogate, Func<int, int> map, NormalizationSignals signal, ref NormalizationSignals signals)
    {
        if (!text.Contains(highSurrogate, StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var found = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == highSurrogate && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                && map(char.ConvertToUtf32(text[i], text[i + 1])) is var replacement and >= 0)
            {
                if (replacement > 0)
                {
                    builder.Append((char)replacement);
                }

                found = true;
                i++;
                continue;
            }

            builder.Append(text[i]);
        }

        if (!found)
        {
            return text;
        }

        signals |= signal;
        return builder.ToString();
    }

    private static bool IsInvisible(char c) => c switch
    {
        '\u00AD' or '\u034F' or '\u061C' or '\u115F' or '\u1160' or '\u17B4' or '\u17B5' or '\u180E' => true,
        >= '\u200B' and <= '\u200F' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2060' and <= '\u206F' => true,
        '\u3164' or '\uFEFF' or '\uFFA0' => true,
        >= '\uFE00' and <= '\uFE0F' => true,
        _ => false,
    };

    private static string RemoveInvisible(string text, ref NormalizationSignals signals)
    {
        var first = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsInvisible(text[i]))
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return text;
        }

        signals |= NormalizationSignals.InvisibleCharacters;
        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            if (!IsInvisible(text[i]))
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }
}
