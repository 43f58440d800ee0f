using System.Text;

namespace Warden.Detection.Normalization;

/// <summary>Tag characters and invisible characters.</summary>
public static partial class TextNormalizer
{
    /// <summary>Unicode tags U+E0000–E007F: U+E0020–E007E carry ASCII (tag smuggling); the rest are dropped.</summary>
    private static string RevealTagCharacters(string text, ref NormalizationSignals signals)
    {
        if (!text.Contains('\uDB40', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var found = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\uDB40' && i + 1 < text.Length && text[i + 1] is >= '\uDC00' and <= '\uDC7F')
            {
                var ascii = text[i + 1] - 0xDC00;
                if (ascii is >= 0x20 and <= 0x7E)
                {
                    builder.Append((char)ascii);
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

        signals |= NormalizationSignals.TagCharacters;
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
