using Warden.Auditing;

namespace Warden.Storage.Sqlite;

/// <summary>
/// The key of the audit log's masked-value digests (<see cref="MaskDigest"/>): 32 random bytes made on
/// first use and kept in the data folder (<c>audit-digest.key</c>, owner-only), or a file supplied by
/// configuration. <c>warden audit digest</c> uses it to turn a value an investigator knows into the
/// digest the log holds.
/// </summary>
public static class AuditDigestKey
{
    /// <summary>The key's file name inside the data folder.</summary>
    public const string FileName = "audit-digest.key";

    /// <summary>The key in <paramref name="dataDirectory"/>, made (owner-only) when there is none.</summary>
    public static MaskDigest LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            OwnerOnlyFile.TryCreate(path, MaskDigest.NewKey()); // false: another process made it first; use theirs
        }

        return Load(path);
    }

    /// <summary>The key in the file <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file is missing, unreadable or shorter than 16 bytes.</exception>
    public static MaskDigest Load(string path)
    {
        var bytes = OwnerOnlyFile.Read(path, "audit digest key");
        return bytes.Length >= 16
            ? new MaskDigest(bytes)
            : throw new IOException($"the audit digest key '{path}' holds {bytes.Length} bytes; at least 16 are needed");
    }
}
