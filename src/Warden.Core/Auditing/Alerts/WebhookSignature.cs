using System.Security.Cryptography;
using System.Text;

namespace Warden.Auditing.Alerts;

/// <summary>
/// How a webhook body is signed: <c>X-Warden-Signature: sha256=HEX</c>, the HMAC-SHA-256 under the
/// webhook's secret of the timestamp (<c>X-Warden-Timestamp</c>, Unix seconds), a dot and the body.
/// A receiver recomputes it, compares in constant time and rejects old timestamps (replays).
/// </summary>
public static class WebhookSignature
{
    /// <summary>The signature header.</summary>
    public const string Header = "X-Warden-Signature";

    /// <summary>The timestamp header.</summary>
    public const string TimestampHeader = "X-Warden-Timestamp";

    /// <summary>The header naming the audit event (the same on every retry).</summary>
    public const string EventIdHeader = "X-Warden-Event-Id";

    /// <summary>The signature header's value for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.UTF8.GetBytes($"{timestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>How far a timestamp may be from the receiver's clock, either way, by default: 5 minutes.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// True when <paramref name="signature"/> is the signature of <paramref name="body"/> at <paramref name="timestamp"/> (constant-time).
    /// It does not look at the timestamp's age: a receiver should use the overload that does.
    /// </summary>
    public static bool Verify(string secret, long timestamp, ReadOnlySpan<byte> body, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature ?? string.Empty));

    /// <summary>
    /// True when <paramref name="signature"/> is the signature of <paramref name="body"/> at <paramref name="timestamp"/>
    /// and the timestamp is within <paramref name="tolerance"/> (<see cref="DefaultTolerance"/> when null) of
    /// <paramref name="now"/>, so that a captured request replayed later is refused.
    /// </summary>
    public static bool Verify(string secret, long timestamp, ReadOnlySpan<byte> body, string signature, DateTimeOffset now, TimeSpan? tolerance = null) =>
        timestamp >= now.ToUnixTimeSeconds() - (long)(tolerance ?? DefaultTolerance).TotalSeconds
        && timestamp <= now.ToUnixTimeSeconds() + (long)(tolerance ?? DefaultTolerance).TotalSeconds
        && Verify(secret, timestamp, body, signature);
}
