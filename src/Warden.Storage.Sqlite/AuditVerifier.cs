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
public sealed record AuditVerification(bool Intact, long Events, string Head, long? FirstBad, string? FirstBadId, string? Problem);

/// <summary>Checks the hash chain of <c>audit.db</c> from its first event, streaming (constant memory).</summary>
public static class AuditVerifier
{
    /// <summary>Checks the audit log of <paramref name="dataDirectory"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no audit log there.</exception>
    public static AuditVerification Verify(string dataDirectory, IProgress<long>? progress = null)
    {
        var path = Path.Combine(dataDirectory, SqliteAuditStore.FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"there is no audit log in '{dataDirectory}' ({SqliteAuditStore.FileName})", path);
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
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

        return new AuditVerification(true, count, previous, null, null, null);
    }
}
