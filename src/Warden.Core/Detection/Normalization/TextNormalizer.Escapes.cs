using System.Globalization;
using System.Text;

namespace Warden.Detection.Normalization;

/// <summary>Character escapes of programming languages and JSON, decoded in place.</summary>
public static partial class TextNormalizer
{
    /// <summary>
    /// Decodes <c>\uXXXX</c> (JSON, JavaScript, Java, C#, Python), <c>\u{X…}</c> (JavaScript, Rust,
    /// Swift), <c>\UXXXXXXXX</c> (Python, C) and runs of <c>\xNN</c> (read as UTF-8, as Python prints
    /// bytes) where they stand for printable characters or line breaks, in place: a JSON tool result written with
    /// ASCII escapes (the default of Python's <c>json.dumps</c> and of System.Text.Json) shows a
    /// language model its non-ASCII text as it is, and <c>\u0069gnore</c> reads "ignore" to it. An
    /// escaped backslash (<c>\\</c>) is kept with what follows it; escapes of other control characters
    /// and <c>\n</c>-style escapes stay as written (<see cref="Model.ReadingRanges"/> ends a line at
    /// <c>\n</c>). Escaping a plain ASCII letter or digit is a disguise (nobody else writes <c>\u0069</c>)
    /// and is reported; escaped non-ASCII text and punctuation are ordinary JSON and are not.
    /// </summary>
    private static string DecodeEscapes(string text, ref NormalizationSignals signals)
    {
        var first = text.IndexOf('\\', StringComparison.Ordinal);
        if (first < 0)
        {
            return text;
        }

        StringBuilder? builder = null;
        var copied = 0; // text[..copied] is in the builder, or unchanged when there is none
        var disguised = false;
        for (var i = first; i < text.Length - 1; i++)
        {
            if (text[i] != '\\')
            {
                continue;
            }

            if (text[i + 1] == '\\')
            {
                i++; // an escaped backslash: what follows it is text, not an escape
                continue;
            }

            if (!TryReadEscapes(text, i, out var decoded, out var end, out var asciiAlphanumeric))
            {
                i = Math.Max(i, end - 1); // a run of \x that is not UTF-8 is passed over whole: linear time
                continue;
            }

            builder ??= new StringBuilder(text.Length);
            builder.Append(text, copied, i - copied).Append(decoded);
            copied = end;
            disguised |= asciiAlphanumeric;
            i = end - 1;
        }

        if (builder is null)
        {
            return text;
        }

        if (disguised)
        {
            signals |= NormalizationSignals.Escapes;
        }

        return builder.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// Reads the escape at <paramref name="start"/> (a run of them for <c>\x</c>): the printable text it
    /// stands for, where it ends, and whether it spelt an ASCII letter or digit. False when it is not an
    /// escape this step decodes (<paramref name="end"/> is then past a run of <c>\x</c> escapes, if any).
    /// </summary>
    private static bool TryReadEscapes(string text, int start, out string decoded, out int end, out bool asciiAlphanumeric)
    {
        decoded = string.Empty;
        end = start;
        asciiAlphanumeric = false;
        var kind = text[start + 1];
        if (kind == 'x')
        {
            return TryReadHexByteRun(text, start, out decoded, out end, out asciiAlphanumeric);
        }

        int codePoint, length;
        if (kind == 'u' && start + 2 < text.Length && text[start + 2] == '{')
        {
            var close = text.IndexOf('}', start + 3, Math.Min(7, text.Length - (start + 3))); // at most six digits: linear time
            if (close < 0 || close - (start + 3) is < 1 or > 6 || !TryParseHex(text.AsSpan(start + 3, close - (start + 3)), out codePoint))
            {
                return false;
            }

            length = close + 1 - start;
        }
        else if (kind is 'u' or 'U')
        {
            var digits = kind == 'u' ? 4 : 8;
            if (start + 2 + digits > text.Length || !TryParseHex(text.AsSpan(start + 2, digits), out codePoint))
            {
                return false;
            }

            length = 2 + digits;
        }
        else
        {
            return false;
        }

        // A UTF-16 surrogate (\ud83d\ude00) is kept as it is; a lone one becomes U+FFFD later.
        var isSurrogate = codePoint is >= 0xD800 and <= 0xDFFF;
        if (codePoint > 0x10FFFF || (!isSurrogate && !IsDecodable(codePoint)))
        {
            return false;
        }

        decoded = isSurrogate ? ((char)codePoint).ToString() : char.ConvertFromUtf32(codePoint);
        end = start + length;
        asciiAlphanumeric = codePoint < 0x80 && char.IsAsciiLetterOrDigit((char)codePoint);
        return true;
    }

    /// <summary>
    /// A run of <c>\xNN</c> escapes read as UTF-8: each byte sequence that is UTF-8 of a printable
    /// character (or a line break) is decoded; a byte that is not, or spells a control character, stays
    /// as its escape, so that one stray <c>\x00</c> does not keep the rest of the run hidden. False when
    /// nothing in the run decodes (<paramref name="end"/> is past the run even then).
    /// </summary>
    private static bool TryReadHexByteRun(string text, int start, out string decoded, out int end, out bool asciiAlphanumeric)
    {
        decoded = string.Empty;
        asciiAlphanumeric = false;
        var bytes = new List<byte>();
        end = start;
        while (end + 4 <= text.Length && text[end] == '\\' && text[end + 1] == 'x' && TryParseHex(text.AsSpan(end + 2, 2), out var value))
        {
            bytes.Add((byte)value);
            end += 4;
        }

        var builder = new StringBuilder(bytes.Count);
        var any = false;
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes);
        for (var at = 0; at < span.Length;)
        {
            if (Rune.DecodeFromUtf8(span[at..], out var rune, out var consumed) == System.Buffers.OperationStatus.Done && IsDecodable(rune.Value))
            {
                builder.Append(rune.ToString());
                any = true;
                asciiAlphanumeric |= rune.IsAscii && char.IsAsciiLetterOrDigit((char)rune.Value);
                at += consumed;
            }
            else
            {
                builder.Append(text, start + (4 * at), 4); // this byte's escape, as written
                at++;
            }
        }

        decoded = builder.ToString();
        return any;
    }

    private static bool TryParseHex(ReadOnlySpan<char> digits, out int value) =>
        int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);

    /// <summary>Not a control character: what a reader sees as text (a space counts).</summary>
    private static bool IsPrintable(int codePoint) =>
        codePoint >= 0x20 && codePoint != 0x7F && !(codePoint is >= 0x80 and < 0xA0);

    /// <summary>What an escape is decoded to: a printable character, or a line break (made a line feed later).</summary>
    private static bool IsDecodable(int codePoint) => IsPrintable(codePoint) || codePoint is '\n' or '\r' or '\f' or '\v' or '\u0085';
}
