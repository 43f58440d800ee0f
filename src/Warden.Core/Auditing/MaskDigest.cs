using System.Security.Cryptography;
using System.Text;

namespace Warden.Auditing;

/// <summary>
/// A keyed digest (HMAC-SHA-256) of each masked value, kept in the value's place
/// (<c>***hmac:</c> and 24 hex digits), so that investigators holding the key can tell that two events
/// carried the same secret, or find the events that carried a value they know, without the log
/// showing the value itself. Without the key the digest reveals nothing, not even for short or
/// guessable values; keep the key apart from anyone who only reads the log.
/// </summary>
public sealed class MaskDigest
{
    /// <summary>What every digested mask starts with.</summary>
    public const string Prefix = SecretMasker.Mask + "hmac:";

    /// <summary>The length of a key made by <see cref="NewKey"/>, in bytes.</summary>
    public const int KeyLength = 32;

    private const int HexDigits = 24;
    private readonly byte[] _key;

    /// <summary>A digest under <paramref name="key"/> (at least 16 bytes).</summary>
    public MaskDigest(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 16)
        {
            throw new ArgumentException($"a digest key must be at least 16 bytes; this one is {key.Length}", nameof(key));
        }

        _key = (byte[])key.Clone();
    }

    /// <summary>A fresh random key.</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeyLength);

    /// <summary>What <paramref name="value"/> becomes when masked: <see cref="Prefix"/> and its digest.</summary>
    public string Of(ReadOnlySpan<char> value)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var bytes = Encoding.UTF8.GetBytes(value.ToArray());
        HMACSHA256.HashData(_key, bytes, mac);
        return Prefix + Convert.ToHexStringLower(mac)[..HexDigits];
    }
}
