using Microsoft.Data.Sqlite;
using Warden.Auditing;
using Warden.Auditing.Alerts;

namespace Warden.Storage.Sqlite;

/// <summary>
/// The alert outbox in <c>audit.db</c> (table <c>alert_outbox</c>): <see cref="SqliteAuditStore"/> adds a
/// row per alerting event and webhook in the transaction that records the event; dispatchers lease
/// due rows (several processes may share the file), and mark them delivered or failed. One row per
/// event and webhook (a unique key), so an alert is queued once however often it is retried.
/// </summary>
public sealed class SqliteAlertOutbox : IAlertOutbox, IDisposable
{
    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS alert_outbox (
            id           INTEGER PRIMARY KEY,
            event_id     TEXT NOT NULL,
            webhook      TEXT NOT NULL,
            body         BLOB NOT NULL,
            attempts     INTEGER NOT NULL DEFAULT 0,
            next_at      INTEGER NOT NULL,
            lease_until  INTEGER,
            lease_token  TEXT,
            delivered_at INTEGER,
            failed_at    INTEGER,
            last_error   TEXT,
            UNIQUE (event_id, webhook)
        );
        CREATE INDEX IF NOT EXISTS alert_outbox_due ON alert_outbox (next_at) WHERE delivered_at IS NULL AND failed_at IS NULL;
        """;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// The outbox of the audit log in <paramref name="dataDirectory"/> on its own, for tools: it opens
    /// the existing file only (no schema, no keys, no signed heads), read-only when
    /// <paramref name="readOnly"/> (status only).
    /// </summary>
    /// <exception cref="FileNotFoundException">The folder holds no audit log.</exception>
    public static SqliteAlertOutbox Open(string dataDirectory, bool readOnly) =>
        new(SqliteAuditStore.ExistingLog(dataDirectory, readOnly));

    internal SqliteAlertOutbox(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using var pragma = _connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout=5000; PRAGMA synchronous=FULL;";
        pragma.ExecuteNonQuery();
    }

    /// <summary>Queues the alert of <paramref name="auditEvent"/> (stored as <paramref name="storedEvent"/>) for <paramref name="webhook"/>, inside the caller's transaction.</summary>
    internal static void Enqueue(SqliteCommand insert, AuditEvent auditEvent, byte[] storedEvent, string webhook, DateTimeOffset now)
    {
        insert.Parameters["$event"].Value = auditEvent.Id;
        insert.Parameters["$webhook"].Value = webhook;
        insert.Parameters["$body"].Value = AlertBody.Create(auditEvent.Id, webhook, storedEvent);
        insert.Parameters["$next"].Value = now.ToUnixTimeMilliseconds();
        insert.ExecuteNonQuery();
    }

    /// <summary>The statement <see cref="Enqueue"/> runs, prepared once by the store.</summary>
    internal static SqliteCommand NewEnqueue(SqliteConnection connection)
    {
        var insert = connection.CreateCommand();
        insert.CommandText = "INSERT OR IGNORE INTO alert_outbox (event_id, webhook, body, next_at) VALUES ($event, $webhook, $body, $next)";
        foreach (var name in (string[])["$event", "$webhook", "$body", "$next"])
        {
            insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return insert;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PendingAlert>> TakeDueAsync(string webhook, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var take = _connection.CreateCommand();
            take.CommandText = """
                UPDATE alert_outbox SET lease_until = $lease, lease_token = $token
                WHERE id IN (
                    SELECT id FROM alert_outbox
                    WHERE delivered_at IS NULL AND failed_at IS NULL AND next_at <= $now AND COALESCE(lease_until, 0) <= $now AND webhook = $webhook
                    ORDER BY id LIMIT $limit)
                RETURNING id, event_id, webhook, body, attempts
                """;
            var token = Guid.NewGuid().ToString("N");
            take.Parameters.AddWithValue("$lease", leaseUntil.ToUnixTimeMilliseconds());
            take.Parameters.AddWithValue("$token", token);
            take.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            take.Parameters.AddWithValue("$limit", limit);
            take.Parameters.AddWithValue("$webhook", webhook);
            var due = new List<PendingAlert>();
            using var reader = take.ExecuteReader();
            while (reader.Read())
            {
                due.Add(new PendingAlert(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), (byte[])reader[3], reader.GetInt32(4), token));
            }

            due.Sort((a, b) => a.Id.CompareTo(b.Id));
            return due;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask<int> PruneDeliveredAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        ExecuteCountAsync(
            "DELETE FROM alert_outbox WHERE delivered_at IS NOT NULL AND delivered_at < $before",
            cancellationToken,
            ("$before", before.ToUnixTimeMilliseconds()));

    /// <inheritdoc />
    public ValueTask<int> RetryFailedAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ExecuteCountAsync(
            "UPDATE alert_outbox SET failed_at = NULL, attempts = 0, next_at = $now, lease_until = NULL, lease_token = NULL WHERE failed_at IS NOT NULL AND delivered_at IS NULL",
            cancellationToken,
            ("$now", now.ToUnixTimeMilliseconds()));

    /// <inheritdoc />
    public ValueTask<bool> MarkDeliveredAsync(PendingAlert alert, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            "UPDATE alert_outbox SET delivered_at = $at, attempts = attempts + 1, lease_until = NULL, lease_token = NULL WHERE id = $id AND lease_token = $token AND delivered_at IS NULL",
            cancellationToken,
            ("$at", at.ToUnixTimeMilliseconds()),
            ("$id", alert.Id),
            ("$token", alert.LeaseToken));

    /// <inheritdoc />
    public ValueTask<bool> MarkFailedAsync(PendingAlert alert, string error, DateTimeOffset nextAt, bool giveUp, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            "UPDATE alert_outbox SET attempts = attempts + 1, last_error = $error, next_at = $next, lease_until = NULL, lease_token = NULL, failed_at = CASE WHEN $giveUp THEN $next ELSE NULL END WHERE id = $id AND lease_token = $token AND delivered_at IS NULL",
            cancellationToken,
            ("$error", error),
            ("$next", nextAt.ToUnixTimeMilliseconds()),
            ("$giveUp", giveUp),
            ("$id", alert.Id),
            ("$token", alert.LeaseToken));

    /// <inheritdoc />
    public async ValueTask<AlertOutboxStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var select = _connection.CreateCommand();
            select.CommandText = """
                SELECT
                    COALESCE(SUM(delivered_at IS NULL AND failed_at IS NULL), 0),
                    COALESCE(SUM(delivered_at IS NOT NULL), 0),
                    COALESCE(SUM(failed_at IS NOT NULL), 0),
                    (SELECT last_error FROM alert_outbox WHERE last_error IS NOT NULL AND delivered_at IS NULL ORDER BY next_at DESC LIMIT 1)
                FROM alert_outbox
                """;
            using var reader = select.ExecuteReader();
            reader.Read();
            return new AlertOutboxStatus(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    /// <summary>Runs one statement; true when it changed exactly one row (a mark under its lease).</summary>
    private async ValueTask<bool> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        await ExecuteCountAsync(sql, cancellationToken, parameters).ConfigureAwait(false) == 1;

    /// <summary>Runs one statement on the outbox's connection; returns how many rows it changed.</summary>
    private async ValueTask<int> ExecuteCountAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            return command.ExecuteNonQuery();
        }
        finally
        {
            _gate.Release();
        }
    }
}
