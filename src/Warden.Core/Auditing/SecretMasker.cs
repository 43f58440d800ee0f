using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Warden.Detection.Secrets;
using Warden.Json;

namespace Warden.Auditing;

/// <summary>
/// Copies JSON with the value of every sensitive field (see <see cref="SensitiveFieldNames"/>) replaced
/// by <see cref="Mask"/>, at any depth, inside arrays too, and every secret the
/// <see cref="SecretDetector"/> recognises in any other string (an API key in a message body, a card
/// number in a note) cut out of that string. Streams over the UTF-8 text with a reader and
/// a writer, so that it allocates only the masked copy; names are unescaped before they are judged, so
/// that <c>"pass\u0077ord"</c> is masked like <c>"password"</c>.
/// </summary>
public static class SecretMasker
{
    /// <summary>What a masked value becomes.</summary>
    public const string Mask = "***";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>The masked copy of <paramref name="value"/> as UTF-8 JSON.</summary>
    public static byte[] MaskToUtf8(JsonElement value) => MaskToUtf8(value, null);

    /// <summary>
    /// The masked copy of <paramref name="value"/> as UTF-8 JSON; with <paramref name="digest"/>, each
    /// masked value becomes its keyed digest (<see cref="MaskDigest.Prefix"/>…) instead of <see cref="Mask"/>.
    /// </summary>
    public static byte[] MaskToUtf8(JsonElement value, MaskDigest? digest)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            return "null"u8.ToArray();
        }

        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(JsonMarshal.GetRawUtf8Value(value), writer, digest);
        }

        var result = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > 1 << 20)
        {
            t_buffer = null; // do not keep a huge buffer alive on this thread
        }

        return result;
    }

    /// <summary>The masked copy of <paramref name="value"/> as a JSON string.</summary>
    public static string MaskToString(JsonElement value) => Encoding.UTF8.GetString(MaskToUtf8(value));

    /// <summary><paramref name="text"/> with every secret the detector recognises masked (digested with <paramref name="digest"/> when given).</summary>
    public static string MaskText(string text, MaskDigest? digest = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!SecretDetector.MayContainSecret(text) || !SecretDetector.Instance.ContainsSecret(text))
        {
            return text;
        }

        return digest is null ? SecretDetector.Instance.Redact(text, Mask) : SecretDetector.Instance.Redact(text, secret => digest.Of(secret));
    }

    private static void Write(ReadOnlySpan<byte> json, Utf8JsonWriter writer, MaskDigest? digest)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 4096 });
        char[]? rented = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject: writer.WriteStartObject(); break;
                    case JsonTokenType.EndObject: writer.WriteEndObject(); break;
                    case JsonTokenType.StartArray: writer.WriteStartArray(); break;
                    case JsonTokenType.EndArray: writer.WriteEndArray(); break;
                    case JsonTokenType.PropertyName:
                        var name = PooledUnescape.Read(ref reader, ref rented);
                        writer.WritePropertyName(name);
                        if (SensitiveFieldNames.IsSensitive(name))
                        {
                            reader.Read();
                            if (digest is null)
                            {
                                reader.Skip();
                                writer.WriteStringValue(Mask);
                            }
                            else if (reader.TokenType == JsonTokenType.String)
                            {
                                writer.WriteStringValue(digest.Of(PooledUnescape.Read(ref reader, ref rented)));
                            }
                            else
                            {
                                // A number, object or array under a sensitive name: the digest of its JSON text.
                                var start = (int)reader.TokenStartIndex;
                                reader.Skip();
                                writer.WriteStringValue(digest.Of(Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed])));
                            }
                        }

                        break;
                    case JsonTokenType.String:
                        var value = PooledUnescape.Read(ref reader, ref rented);
                        if (SecretDetector.MayContainSecret(value) && SecretDetector.Instance.ContainsSecret(value))
                        {
                            writer.WriteStringValue(MaskText(value.ToString(), digest));
                        }
                        else
                        {
                            writer.WriteStringValue(value);
                        }

                        break;
                    default:
                        writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                        break;
                }
            }
        }
        finally
        {
            PooledUnescape.Return(rented);
        }
    }
}
