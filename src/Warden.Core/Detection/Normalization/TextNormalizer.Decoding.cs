using System.Buffers.Text;
using System.Text;
using System.Text.RegularExpressions;

namespace Warden.Detection.Normalization;

/// <summary>Base64, hex and URL-encoded segments that decode to readable text.</summary>
public static partial class TextNormalizer
{
    private const int MinEncodedLength = 16;
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Appends, one per line, the normalised text of every encoded segment of <paramref name="source"/> that decodes to readable text.</summary>
    private static void AppendDecoded(string source, int depth, StringBuilder output, ref NormalizationSignals signals)
    {
        if (source.Length < MinEncodedLength || output.Length >= MaxDecodedChars)
        {
            return;
        }

        foreach (var (decoded, signal) in Decode(source))
        {
            if (output.Length >= MaxDecodedChars)
            {
                return;
            }

            signals |= signal;
            var room = MaxDecodedChars - output.Length;
            var text = decoded.Length > room ? decoded[..room] : decoded;
            output.Append('\n').Append(NormalizeCharacters(text, output, ref signals));
            if (depth < MaxDecodeDepth)
            {
                AppendDecoded(text, depth + 1, output, ref signals);
            }
        }
    }

    private static IEnumerable<(string Text, NormalizationSignals Signal)> Decode(string source)
    {
        if (HasPercentEscapes(source, 3))
        {
            foreach (Match match in UrlEncoded().Matches(source))
            {
                string? text = null;
                try
                {
                    text = Uri.UnescapeDataString(match.Value.Replace('+', ' '));
                }
                catch (UriFormatException)
                {
                }

                if (text is not null && IsReadable(text))
                {
                    yield return (text, NormalizationSignals.UrlEncoding);
                }
            }
        }

        // One pass over the text finds runs of the base64 alphabet (hex is a subset) long enough to hold text.
        var start = -1;
        for (var i = 0; i <= source.Length; i++)
        {
            if (i < source.Length && IsBase64Char(source[i]))
            {
                start = start < 0 ? i : start;
                continue;
            }

            if (start >= 0 && i - start >= MinEncodedLength)
            {
                var run = source[start..i];
                var isHex = run.AsSpan().IndexOfAnyExcept(HexDigits) < 0;
                if ((isHex ? TryHex(run) : TryBase64(run)) is { } text)
                {
                    yield return (text, isHex ? NormalizationSignals.Hex : NormalizationSignals.Base64);
                }
            }

            start = -1;
        }
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private static bool IsBase64Char(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '_' or '-' or '=';

    /// <summary>True when <paramref name="text"/> holds at least <paramref name="count"/> escapes like %41: "12% off" alone skips the pattern.</summary>
    private static bool HasPercentEscapes(string text, int count)
    {
        var from = 0;
        while (count > 0)
        {
            var at = text.IndexOf('%', from);
            if (at < 0 || at + 2 >= text.Length)
            {
                return false;
            }

            if (char.IsAsciiHexDigit(text[at + 1]) && char.IsAsciiHexDigit(text[at + 2]))
            {
                count--;
            }

            from = at + 1;
        }

        return true;
    }

    private static string? TryBase64(string run)
    {
        var standard = run.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        if (standard.Length % 4 == 1 || standard.Contains('='))
        {
            return null; // not base64
        }

        standard = standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '=');
        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(standard.Length)];
        return Convert.TryFromBase64String(standard, bytes, out var written) ? ReadableUtf8(bytes.AsSpan(0, written)) : null;
    }

    private static string? TryHex(string run)
    {
        var digits = run;
        if (digits.Length % 2 == 1)
        {
            digits = digits[..^1];
        }

        try
        {
            return ReadableUtf8(Convert.FromHexString(digits));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? ReadableUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var text = StrictUtf8.GetString(bytes);
            return IsReadable(text) ? text : null;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>True for text that is mostly letters, digits, punctuation and spaces, with a few letters at least.</summary>
    private static bool IsReadable(string text)
    {
        int readable = 0, letters = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                readable++;
            }
            else if (char.IsDigit(c) || char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c) || IsInvisible(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                readable++;
            }
        }

        return letters >= 4 && readable >= text.Length * 0.9;
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9._~+-])[A-Za-z0-9._~+-]*(?:%[0-9A-Fa-f]{2}[A-Za-z0-9._~+-]*){3,}")]
    private static partial Regex UrlEncoded();
}
