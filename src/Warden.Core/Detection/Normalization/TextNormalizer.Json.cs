using System.Text;
using System.Text.Json;

namespace Warden.Detection.Normalization;

/// <summary>JSON documents read with their strings unescaped.</summary>
public static partial class TextNormalizer
{
    /// <summary>The longest JSON document whose strings are unescaped, in characters.</summary>
    public const int MaxJsonChars = 1 << 20;

    /// <summary>
    /// When the whole text is JSON (a tool's result, most often: <see cref="IsJson"/>), the escapes
    /// inside its strings are undone in place: <c>\n</c> and <c>\u000a</c> become a line break
    /// (<c>\r\n</c> one), <c>\"</c> a quote, <c>\uXXXX</c> its character (escapes of other control
    /// characters become a space), so that the text a string holds is read as it would be outside JSON,
    /// line by line. The document keeps its keys, quotes and brackets. Only valid JSON is rewritten
    /// (elsewhere <c>c:\new</c> stays as written), and its text is not read again for escapes: a JSON
    /// <c>"C:\\tools\\x64"</c> is the path <c>C:\tools\x64</c>. A string whose value holds escapes
    /// itself (<c>"\\u0069gnore"</c>: a page's text returned as JSON) is given, decoded, to
    /// <paramref name="escapedStrings"/> (when <paramref name="readEscapedStrings"/>), to be scanned on a line of its own (and a decoded ASCII letter
    /// or digit is reported, so the path above is too). An escape that spelt an ASCII letter or digit
    /// is a disguise, as in <see cref="DecodeEscapes"/>.
    /// </summary>
    private static string UnescapeJson(string text, bool readEscapedStrings, ref NormalizationSignals signals, out bool isJson, out List<string>? escapedStrings)
    {
        isJson = false;
        escapedStrings = null;
        var body = text.AsSpan().Trim();
        if (body.Length < 2 || text.Length > MaxJsonChars || !((body[0] == '{' && body[^1] == '}') || (body[0] == '[' && body[^1] == ']'))
            || body.IndexOf('\\') < 0 || !IsJson(text))
        {
            return text;
        }

        isJson = true;
        var builder = new StringBuilder(text.Length);
        var inString = false;
        int valueStart = 0, backslashes = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!inString || c != '\\' || i + 1 == text.Length)
            {
                if (c == '"' && inString && backslashes > 0 && readEscapedStrings)
                {
                    AddIfEscaped(builder.ToString(valueStart, builder.Length - valueStart), ref escapedStrings, ref signals);
                }

                inString ^= c == '"';
                builder.Append(c);
                if (inString && c == '"')
                {
                    (valueStart, backslashes) = (builder.Length, 0); // a string's value starts after its quote
                }

                continue;
            }

            var escape = text[++i];
            backslashes += escape == '\\' ? 1 : 0;
            if (escape == 'u' && i + 4 < text.Length && TryParseHex(text.AsSpan(i + 1, 4), out var code))
            {
                // A surrogate half is appended as it is: the pair follows as the next escape.
                builder.Append(IsDecodable(code) || char.IsSurrogate((char)code) ? (char)code : ' ');
                if (code < 0x80 && char.IsAsciiLetterOrDigit((char)code))
                {
                    signals |= NormalizationSignals.Escapes;
                }

                i += 4;
                continue;
            }

            builder.Append(escape switch
            {
                'n' => '\n',
                'r' => '\r', // CR LF is made one line feed next (UnifyLineBreaks)
                't' => '\t',
                'f' => '\f', // a form feed, made a line feed next
                'b' => ' ',
                _ => escape, // \" \\ \/
            });
        }

        return builder.ToString();
    }

    /// <summary>Adds the value of a JSON string that holds a backslash to <paramref name="escapedStrings"/>, decoded, when it holds escapes itself.</summary>
    private static void AddIfEscaped(string value, ref List<string>? escapedStrings, ref NormalizationSignals signals)
    {
        var decoded = DecodeEscapes(value, ref signals);
        if (!ReferenceEquals(decoded, value))
        {
            (escapedStrings ??= []).Add(decoded);
        }
    }

    /// <summary>
    /// Whether <paramref name="text"/> is JSON: one document, or several one after another (a tool result's
    /// text and its structured content, joined by a line break). Read from UTF-8, in which a lone
    /// surrogate is U+FFFD: this never throws but for malformed JSON, which is caught.
    /// </summary>
    private static bool IsJson(string text)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 256 });
        try
        {
            while (reader.Read())
            {
            }

            return reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
