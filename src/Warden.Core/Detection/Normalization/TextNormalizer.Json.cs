using System.Text;
using System.Text.Json;

namespace Warden.Detection.Normalization;

/// <summary>JSON documents read with their strings unescaped.</summary>
public static partial class TextNormalizer
{
    /// <summary>The longest JSON document whose strings are unescaped, in characters.</summary>
    public const int MaxJsonChars = 1 << 20;

    /// <summary>
    /// When the whole text is one JSON document (a tool's result, most often), the escapes inside its
    /// strings are undone in place: <c>\n</c> becomes a line break (<c>\r\n</c> one), <c>\"</c> a quote, <c>\uXXXX</c> its
    /// character (escapes of control characters become a space), so that the text a string holds is
    /// read as it would be outside JSON, line by line. The document keeps its keys, quotes and
    /// brackets. Only valid JSON is rewritten: elsewhere <c>c:\new</c> is a path, not a line break.
    /// Not a signal: JSON is what tools return.
    /// </summary>
    private static string UnescapeJson(string text)
    {
        var body = text.AsSpan().Trim();
        if (body.Length < 2 || text.Length > MaxJsonChars || !((body[0] == '{' && body[^1] == '}') || (body[0] == '[' && body[^1] == ']'))
            || body.IndexOf('\\') < 0 || !IsJson(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!inString || c != '\\' || i + 1 == text.Length)
            {
                inString ^= c == '"';
                builder.Append(c);
                continue;
            }

            var escape = text[++i];
            if (escape == 'u' && i + 4 < text.Length && TryHex(text.AsSpan(i + 1, 4), out var code))
            {
                // A surrogate half is appended as it is: the pair follows as the next escape.
                builder.Append(code is < 0x20 or (>= 0x7F and < 0xA0) ? ' ' : (char)code);
                i += 4;
                continue;
            }

            builder.Append(escape switch
            {
                'n' => '\n',
                'r' => '\r', // CR LF is made one line feed next (UnifyLineBreaks)
                't' => '\t',
                'b' or 'f' => ' ',
                _ => escape, // \" \\ \/
            });
        }

        return builder.ToString();
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
