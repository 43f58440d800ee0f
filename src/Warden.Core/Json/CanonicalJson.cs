using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace Warden.Json;

/// <summary>
/// A canonical form of JSON for hashing: object members sorted by name (ordinal), no whitespace,
/// strings re-escaped the one way <see cref="Utf8JsonWriter"/> writes them, numbers as written. Two
/// values that differ only in member order or spacing get the same bytes.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = false, SkipValidation = false };

    /// <summary>The canonical bytes of <paramref name="value"/>.</summary>
    public static byte[] Bytes(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(writer, value);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The SHA-256 of the canonical bytes, in lower-case hex.</summary>
    public static string Sha256(JsonElement value) => Convert.ToHexStringLower(SHA256.HashData(Bytes(value)));

    /// <summary>Writes <paramref name="value"/> canonically.</summary>
    public static void Write(Utf8JsonWriter writer, JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(writer, value);
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                // The raw bytes without their quotes are the value itself when they hold no escape,
                // so no string is made for it; the writer escapes them exactly as it would the string.
                var raw = JsonMarshal.GetRawUtf8Value(value)[1..^1];
                if (raw.IndexOf((byte)'\\') < 0)
                {
                    writer.WriteStringValue(raw);
                }
                else
                {
                    writer.WriteStringValue(value.GetString());
                }

                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(value.GetRawText(), skipInputValidation: true);
                break;
            case JsonValueKind.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonValueKind.False:
                writer.WriteBooleanValue(false);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    /// <summary>
    /// An object's members sorted by name (ordinal, UTF-16, as <see cref="string.CompareOrdinal(string, string)"/>).
    /// Each name is read once: <see cref="JsonProperty.Name"/> makes a new string on every read.
    /// </summary>
    private static void WriteObject(Utf8JsonWriter writer, JsonElement value)
    {
        var count = value.GetPropertyCount();
        var names = ArrayPool<string>.Shared.Rent(count);
        var values = ArrayPool<JsonElement>.Shared.Rent(count);
        try
        {
            var i = 0;
            foreach (var member in value.EnumerateObject())
            {
                names[i] = member.Name;
                values[i++] = member.Value;
            }

            Array.Sort(names, values, 0, count, StringComparer.Ordinal);
            writer.WriteStartObject();
            for (i = 0; i < count; i++)
            {
                writer.WritePropertyName(names[i]);
                Write(writer, values[i]);
            }

            writer.WriteEndObject();
        }
        finally
        {
            ArrayPool<string>.Shared.Return(names, clearArray: true);
            ArrayPool<JsonElement>.Shared.Return(values, clearArray: true); // elements hold their document
        }
    }
}
