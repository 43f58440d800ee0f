using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Warden.Stages.ArgumentSanitation;

/// <summary>
/// Checks a call's arguments in one pass over their UTF-8 text: an object at the top, forbidden keys at
/// any depth (compared after unescaping, so <c>"__pro\u0074o__"</c> is caught), nesting depth, total
/// size and string length. It rejects; it never strips, so the tool sees exactly what was checked.
/// </summary>
public sealed class ArgumentSanitizer(ArgumentSanitationOptions options)
{
    private readonly byte[][] _forbidden = options.ForbiddenKeys.Select(Encoding.UTF8.GetBytes).ToArray();

    /// <summary>The limits.</summary>
    public ArgumentSanitationOptions Options { get; } = options;

    /// <summary>The first violation in <paramref name="arguments"/>, or none.</summary>
    public ArgumentViolation Check(JsonElement arguments)
    {
        if (arguments.ValueKind != JsonValueKind.Object)
        {
            return new(ArgumentViolationKind.NotAnObject, arguments.ValueKind.ToString());
        }

        var raw = JsonMarshal.GetRawUtf8Value(arguments);
        if (raw.Length > Options.MaxTotalBytes)
        {
            return new(ArgumentViolationKind.TooLarge, raw.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var reader = new Utf8JsonReader(raw, new JsonReaderOptions { MaxDepth = Math.Max(Options.MaxDepth + 2, 64) });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth + 1 > Options.MaxDepth:
                        return new(ArgumentViolationKind.TooDeep, (reader.CurrentDepth + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    case JsonTokenType.PropertyName or JsonTokenType.String when reader.ValueIsEscaped && !DecodesCleanly(ref reader):
                        return new(ArgumentViolationKind.InvalidText, reader.TokenType == JsonTokenType.PropertyName ? "a key" : "a string");
                    case JsonTokenType.PropertyName:
                        foreach (var key in _forbidden)
                        {
                            if (reader.ValueTextEquals(key))
                            {
                                return new(ArgumentViolationKind.ForbiddenKey, Encoding.UTF8.GetString(key));
                            }
                        }

                        if (StringLength(ref reader) > Options.MaxStringLength)
                        {
                            return new(ArgumentViolationKind.StringTooLong, StringLength(ref reader).ToString(System.Globalization.CultureInfo.InvariantCulture));
                        }

                        break;
                    case JsonTokenType.String when StringLength(ref reader) > Options.MaxStringLength:
                        return new(ArgumentViolationKind.StringTooLong, StringLength(ref reader).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
        catch (JsonException)
        {
            return new(ArgumentViolationKind.TooDeep, "beyond the reader's limit");
        }

        return default;
    }

    /// <summary>False when an escaped string decodes to invalid UTF-16 (a lone surrogate); only escaped strings are checked.</summary>
    private static bool DecodesCleanly(ref Utf8JsonReader reader)
    {
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            reader.CopyString(buffer);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The string's length in UTF-16 characters, exact; cheap when the string has no escapes.</summary>
    private int StringLength(ref Utf8JsonReader reader)
    {
        var span = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            return span.Length <= Options.MaxStringLength ? span.Length : Encoding.UTF8.GetCharCount(span);
        }

        if (span.Length <= Options.MaxStringLength)
        {
            return span.Length;
        }

        try
        {
            return reader.GetString()!.Length;
        }
        catch (InvalidOperationException)
        {
            return span.Length; // an escaped lone surrogate: count the escaped text
        }
    }
}
