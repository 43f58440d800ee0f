using System.Buffers;
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
                writer.WriteStartObject();
                var members = new List<JsonProperty>();
                foreach (var member in value.EnumerateObject())
                {
                    members.Add(member);
                }

                members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                foreach (var member in members)
                {
                    writer.WritePropertyName(member.Name);
                    Write(writer, member.Value);
                }

                writer.WriteEndObject();
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
                writer.WriteStringValue(value.GetString());
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
}
