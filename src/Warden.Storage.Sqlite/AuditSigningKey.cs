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
            return new AuditSigningKey(Key.Import(Algorithm, File.ReadAllBytes(path), KeyBlobFormat.RawPrivateKey));
        }

        var key = Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(path, options))
        {
            file.Write(key.Export(KeyBlobFormat.RawPrivateKey));
        }

        File.WriteAllText(Path.Combine(dataDirectory, PublicFileName), Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)) + "\n");
        return new AuditSigningKey(key);
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
