using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Warden.Json;

namespace Warden.Auditing;

/// <summary>
/// The hash chain of the audit log: each event is stored as canonical JSON, and its hash is SHA-256 over
/// the previous event's hash and those bytes. Editing, removing, inserting or reordering any event
/// changes every hash after it, so a check from the first event finds the first one that was touched.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first event.</summary>
    public static readonly string Genesis = new('0', 64);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
    };

    /// <summary>The canonical bytes of <paramref name="auditEvent"/> as stored.</summary>
    public static byte[] Serialize(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        using var document = JsonSerializer.SerializeToDocument(auditEvent, Options);
        return CanonicalJson.Bytes(document.RootElement);
    }

    /// <summary>The event stored as <paramref name="bytes"/>.</summary>
    /// <exception cref="JsonException">The bytes are not an event.</exception>
    public static AuditEvent Deserialize(ReadOnlySpan<byte> bytes) =>
        JsonSerializer.Deserialize<AuditEvent>(bytes, Options) ?? throw new JsonException("an audit event was null");

    /// <summary>The hash of an event stored as <paramref name="body"/> after the event whose hash is <paramref name="previousHash"/>.</summary>
    public static string Link(string previousHash, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        var head = Encoding.ASCII.GetBytes(previousHash + "\n");
        var buffer = new byte[head.Length + body.Length];
        head.CopyTo(buffer, 0);
        body.CopyTo(buffer.AsSpan(head.Length));
        return Convert.ToHexStringLower(SHA256.HashData(buffer));
    }
}
