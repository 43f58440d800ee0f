using System.Text;
using NSec.Cryptography;

namespace Warden.Storage.Sqlite;

/// <summary>
/// The Ed25519 key that signs the audit log's heads. Made on first use and kept in the data folder
/// (<c>audit-signing.key</c>, readable by its owner only), with the public key beside it
/// (<c>audit-signing.pub</c>, hex) for <c>warden audit verify</c>; keep a copy of the public key
/// elsewhere, since whoever can rewrite the folder can replace both.
/// </summary>
public sealed class AuditSigningKey : IDisposable
{
    /// <summary>The private key's file name.</summary>
    public const string PrivateFileName = "audit-signing.key";

    /// <summary>The public key's file name.</summary>
    public const string PublicFileName = "audit-signing.pub";

    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Key _key;

    private AuditSigningKey(Key key) => _key = key;

    /// <summary>The public key, raw (32 bytes).</summary>
    public byte[] PublicKey => _key.PublicKey.Export(KeyBlobFormat.RawPublicKey);

    /// <summary>The key in <paramref name="dataDirectory"/>, made (owner-only) when there is none.</summary>
    public static AuditSigningKey LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, PrivateFileName);
        if (File.Exists(path))
        {
            return Load(path);
        }

        using (var made = Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }))
        {
            OwnerOnlyFile.TryCreate(path, made.Export(KeyBlobFormat.RawPrivateKey)); // false: another process made one first; use theirs
        }

        var key = Load(path);
        var publicFile = Path.Combine(dataDirectory, PublicFileName);
        if (!File.Exists(publicFile))
        {
            File.WriteAllText(publicFile, Convert.ToHexStringLower(key.PublicKey) + "\n");
        }

        return key;
    }

    /// <summary>The key in the file <paramref name="path"/> (32 raw bytes, as this class writes it), supplied by configuration.</summary>
    /// <exception cref="IOException">The file is missing, unreadable or not a key.</exception>
    public static AuditSigningKey Load(string path)
    {
        var bytes = OwnerOnlyFile.Read(path, "audit signing key");
        if (bytes.Length != 32 || !Key.TryImport(Algorithm, bytes, KeyBlobFormat.RawPrivateKey, out var key, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }))
        {
            throw new IOException($"the audit signing key '{path}' is not a raw Ed25519 private key (32 bytes); it holds {bytes.Length} bytes");
        }

        return new AuditSigningKey(key!);
    }

    /// <summary>The bytes a head's signature covers.</summary>
    public static byte[] HeadBytes(long sequence, string hash, string signedAt) =>
        Encoding.UTF8.GetBytes($"warden-audit-head\n{sequence}\n{hash}\n{signedAt}");

    /// <summary>Signs a head.</summary>
    public byte[] Sign(long sequence, string hash, string signedAt) => Algorithm.Sign(_key, HeadBytes(sequence, hash, signedAt));

    /// <summary>True when <paramref name="signature"/> is the signature of the head by <paramref name="publicKey"/>.</summary>
    public static bool Verify(byte[] publicKey, long sequence, string hash, string signedAt, byte[] signature) =>
        NSec.Cryptography.PublicKey.TryImport(Algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var key)
        && Algorithm.Verify(key!, HeadBytes(sequence, hash, signedAt), signature);

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
