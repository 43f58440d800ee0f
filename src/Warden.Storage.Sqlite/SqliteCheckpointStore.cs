using Microsoft.Data.Sqlite;
using Warden.Resilience.Checkpoints;

namespace Warden.Storage.Sqlite;

/// <summary>Checkpoints in the SQLite file; each session keeps its newest <see cref="Kept"/>.</summary>
public sealed class SqliteCheckpointStore(SqliteDatabase database) : ICheckpointStore
{
    /// <summary>Checkpoints kept per session.</summary>
    public const int Kept = 16;

    /// <inheritdoc />
    public async ValueTask AppendAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var body = CheckpointSerializer.Serialize(checkpoint);
        await database.WriteAsync((_, transaction) =>
        {
            var insert = database.Prepared("""
                INSERT INTO checkpoints (session_id, sequence, taken_at, state_hash, body) VALUES ($session, $sequence, $taken, $hash, $body);
                DELETE FROM checkpoints WHERE session_id = $session AND sequence <= $sequence - $kept;
                """);
            insert.Transaction = transaction;
            insert.Parameters.AddWithValue("$session", checkpoint.SessionId);
            insert.Parameters.AddWithValue("$sequence", checkpoint.Sequence);
            insert.Parameters.AddWithValue("$taken", checkpoint.TakenAt.ToString("O"));
            insert.Parameters.AddWithValue("$hash", checkpoint.StateHash);
            insert.Parameters.AddWithValue("$body", body);
            insert.Parameters.AddWithValue("$kept", Kept);
            try
            {
                insert.ExecuteNonQuery();
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 19)
            {
                throw new InvalidOperationException($"checkpoint {checkpoint.Sequence} of session '{checkpoint.SessionId}' is already stored", e);
            }

            return 0;
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<Checkpoint?> LatestAsync(string sessionId, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection =>
        {
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT body FROM checkpoints WHERE session_id = $session ORDER BY sequence DESC LIMIT 1";
            select.Parameters.AddWithValue("$session", sessionId);
            return select.ExecuteScalar() is byte[] body ? CheckpointSerializer.Deserialize(body) : null;
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<(string SessionId, long Sequence)>> SessionsAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<(string, long)>>(connection =>
        {
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT session_id, MAX(sequence) FROM checkpoints GROUP BY session_id ORDER BY session_id";
            using var reader = select.ExecuteReader();
            var sessions = new List<(string, long)>();
            while (reader.Read())
            {
                sessions.Add((reader.GetString(0), reader.GetInt64(1)));
            }

            return sessions;
        }, cancellationToken);
}
