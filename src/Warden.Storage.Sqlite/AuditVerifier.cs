using Microsoft.Data.Sqlite;
using Warden.Auditing;

namespace Warden.Storage.Sqlite;

/// <summary>The result of checking an audit log's chain.</summary>
/// <param name="Intact">True when every event links to the one before it and hashes to its stored hash.</param>
/// <param name="Events">Events checked.</param>
/// <param name="Head">The last good hash.</param>
/// <param name="FirstBad">The sequence number of the first bad event, or null.</param>
/// <param name="FirstBadId">Its id, or null.</param>
/// <param name="Problem">What is wrong with it, or null.</param>
public sealed record AuditVerification(bool Intact, long Events, string Head, long? FirstBad, string? FirstBadId, string? Problem)
{
    /// <summary>Signed heads checked.</summary>
    public int SignedHeads { get; init; }

    /// <summary>Events after the last signed head (signed at the next commit or on close).</summary>
    public long Unsigned { get; init; }
}

/// <summary>
/// Checks the hash chain of <c>audit.db</c> from its first event, streaming (constant memory), and
/// every signed head against the chain and the public key: a rewritten stretch (hashes recomputed) no
/// longer matches the head after it, and a cut tail leaves a head pointing past the last event.
/// </summary>
public static class AuditVerifier
{
    /// <summary>Checks the audit log of <paramref name="dataDirectory"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no audit log there.</exception>
    public static AuditVerification Verify(string dataDirectory, IProgress<long>? progress = null, byte[]? publicKey = null)
    {
        var path = Path.Combine(dataDirectory, SqliteAuditStore.FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"there is no audit log in '{dataDirectory}' ({SqliteAuditStore.FileName})", path);
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var keyFile = Path.Combine(dataDirectory, AuditSigningKey.PublicFileName);
        publicKey ??= File.Exists(keyFile) ? Convert.FromHexString(File.ReadAllText(keyFile).Trim()) : null;
        var heads = ReadHeads(connection);
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT seq, id, body, prev_hash, hash FROM audit ORDER BY seq";
        using var reader = select.ExecuteReader();
        var previous = AuditChain.Genesis;
        long count = 0;
        long expectedSeq = 1;
        while (reader.Read())
        {
            var seq = reader.GetInt64(0);
            var id = reader.GetString(1);
            var body = (byte[])reader[2];
            var storedPrevious = reader.GetString(3);
            var stored = reader.GetString(4);
            string? problem = null;
            if (seq != expectedSeq)
            {
                problem = $"event {expectedSeq}{(seq > expectedSeq ? $" to {seq - 1}" : string.Empty)} is missing: the log was cut in the middle";
            }
            else if (storedPrevious != previous)
            {
                problem = "it does not follow the event before it (an event was removed, inserted or moved here)";
            }
            else if (AuditChain.Link(previous, body) != stored)
            {
                problem = "its content does not match its hash: it was edited after it was written";
            }

            if (problem is null && heads.TryGetValue(seq, out var head))
            {
                if (head.Hash != stored)
                {
                    problem = $"it differs from the signed head at event {seq}: the events up to it were rewritten";
                }
                else if (publicKey is null || !AuditSigningKey.Verify(publicKey, seq, head.Hash, head.SignedAt, head.Signature))
                {
                    problem = publicKey is null
                        ? $"the log has signed heads but no public key to check them ({AuditSigningKey.PublicFileName} is missing)"
                        : $"the signature of the head at event {seq} does not verify with the public key";
                }
            }

            if (problem is not null)
            {
                return new AuditVerification(false, count, previous, seq, id, problem);
            }

            previous = stored;
            count++;
            expectedSeq++;
            if (count % 100_000 == 0)
            {
                progress?.Report(count);
            }
        }

        var lastHead = heads.Count == 0 ? 0 : heads.Keys.Max();
        if (lastHead > count)
        {
            return new AuditVerification(false, count, previous, count + 1, null, $"a signed head commits to {lastHead:N0} events but the log ends at {count:N0}: its tail was cut");
        }

        if (count > 0 && heads.Count == 0)
        {
            return new AuditVerification(false, count, previous, 1, null, "the log has events but no signed head: the heads were removed");
        }

        return new AuditVerification(true, count, previous, null, null, null) { SignedHeads = heads.Count, Unsigned = count - lastHead };
    }

    private static Dictionary<long, (string Hash, string SignedAt, byte[] Signature)> ReadHeads(SqliteConnection connection)
    {
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT seq, hash, signed_at, signature FROM heads";
        var heads = new Dictionary<long, (string, string, byte[])>();
        try
        {
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                heads[reader.GetInt64(0)] = (reader.GetString(1), reader.GetString(2), (byte[])reader[3]);
            }
        }
        catch (SqliteException)
        {
            // A log without a heads table has no heads: reported as such below.
        }

        return heads;
    }
}
