using Microsoft.Data.Sqlite;
using Warden.Resilience.Ledger;
using Warden.Tools;

namespace Warden.Storage.Sqlite;

/// <summary>
/// The side-effect ledger in the SQLite file. A start is flushed to disk before it returns; a
/// completion is committed at once and reaches the disk with the store's next flushed write (the
/// call's checkpoint, when the gate has the SQLite checkpoint store, as <c>SqliteStores.Open</c> gives it).
/// </summary>
public sealed class SqliteSideEffectLedger(SqliteDatabase database) : ISideEffectLedger
{
    /// <inheritdoc />
    public ValueTask<LedgerEntry?> FindAsync(string key, CancellationToken cancellationToken = default) =>
        database.RunAsync(connection =>
        {
            var select = database.Prepared("SELECT session_id, tool, started_at, status, output, duration_ms FROM ledger WHERE key = $key");
            select.Parameters.AddWithValue("$key", key);
            using var reader = select.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var outcome = reader.IsDBNull(3) ? null : new ToolOutcome(
                Enum.Parse<ToolStatus>(reader.GetString(3)),
                reader.GetString(4),
                TimeSpan.FromMilliseconds(reader.GetDouble(5)));
            return new LedgerEntry(key, reader.GetString(0), reader.GetString(1), DateTimeOffset.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture), outcome);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> TryBeginAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return database.WriteAsync((_, transaction) =>
        {
            var insert = database.Prepared("INSERT OR IGNORE INTO ledger (key, session_id, tool, started_at) VALUES ($key, $session, $tool, $started)");
            insert.Parameters.AddWithValue("$key", entry.Key);
            insert.Parameters.AddWithValue("$session", entry.SessionId);
            insert.Parameters.AddWithValue("$tool", entry.Tool);
            insert.Parameters.AddWithValue("$started", entry.StartedAt.ToString("O"));
            insert.Transaction = transaction;
            return insert.ExecuteNonQuery() == 1;
        }, cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(string key, ToolOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var updated = await database.WriteAsync((_, transaction) =>
        {
            var update = database.Prepared("UPDATE ledger SET status = $status, output = $output, duration_ms = $duration WHERE key = $key");
            update.Parameters.AddWithValue("$key", key);
            update.Parameters.AddWithValue("$status", outcome.Status.ToString());
            update.Parameters.AddWithValue("$output", outcome.Output);
            update.Parameters.AddWithValue("$duration", outcome.Duration.TotalMilliseconds);
            update.Transaction = transaction;
            return update.ExecuteNonQuery();
        }, flush: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (updated != 1)
        {
            throw new InvalidOperationException($"no ledger entry '{key}' was started");
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> ForgetUnfinishedAsync(string key, CancellationToken cancellationToken = default) =>
        database.WriteAsync((_, transaction) =>
        {
            var delete = database.Prepared("DELETE FROM ledger WHERE key = $key AND status IS NULL");
            delete.Parameters.AddWithValue("$key", key);
            delete.Transaction = transaction;
            return delete.ExecuteNonQuery() == 1;
        }, cancellationToken: cancellationToken);
}
