using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Warden.Auditing;

namespace Warden.Storage.Sqlite;

/// <summary>
/// The audit log in <c>DATA/audit.db</c>: append-only, hash-chained (<see cref="AuditChain"/>), durable
/// (WAL, <c>synchronous=FULL</c>) before <see cref="AppendAsync"/> returns. Appends are group-committed:
/// one writer takes every append waiting at that moment into one transaction, so concurrent calls
/// share one fsync.
/// </summary>
public sealed class SqliteAuditStore : IAuditStore, IAsyncDisposable
{
    /// <summary>The file's name inside the data folder.</summary>
    public const string FileName = "audit.db";

    private const int MaxBatch = 1024;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS audit (
            seq       INTEGER PRIMARY KEY,
            id        TEXT NOT NULL UNIQUE,
            ts        TEXT NOT NULL,
            agent     TEXT NOT NULL,
            session   TEXT NOT NULL,
            type      TEXT NOT NULL,
            decision  TEXT NOT NULL,
            tool      TEXT,
            body      BLOB NOT NULL,
            prev_hash TEXT NOT NULL,
            hash      TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS audit_agent ON audit (agent, seq);
        CREATE INDEX IF NOT EXISTS audit_session ON audit (session, seq);
        CREATE INDEX IF NOT EXISTS audit_ts ON audit (ts);
        CREATE TABLE IF NOT EXISTS heads (
            seq       INTEGER PRIMARY KEY,
            hash      TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            signature BLOB NOT NULL
        );
        """;

    /// <summary>A head is signed at least every this many events...</summary>
    public const int HeadEveryEvents = 1000;

    /// <summary>...and at the first commit this long after the last head.</summary>
    public static readonly TimeSpan HeadEvery = TimeSpan.FromSeconds(10);

    private readonly SqliteConnection _writer;
    private readonly string _connectionString;
    private readonly Channel<(AuditEvent Event, byte[] Body, TaskCompletionSource Done)> _pending = Channel.CreateUnbounded<(AuditEvent, byte[], TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writing;
    private readonly AuditSigningKey _signer;
    private readonly TimeProvider _time;
    private DateTimeOffset _lastHeadAt = DateTimeOffset.MinValue;

    private SqliteAuditStore(SqliteConnection writer, string connectionString, string path, AuditSigningKey signer, TimeProvider time)
    {
        _signer = signer;
        _time = time;
        _writer = writer;
        _connectionString = connectionString;
        Path = path;
        _writing = Task.Run(WriteLoopAsync);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>
    /// Every event that passes <paramref name="query"/>'s filters, oldest first, streamed from the file
    /// (for export to a SIEM); the query's limit and cursor are not used.
    /// </summary>
    public async IAsyncEnumerable<AuditEvent> ExportAsync(AuditQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? after = null;
        while (true)
        {
            // Pages of the newest-first query, walked backwards from the oldest: read in ascending seq.
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var select = connection.CreateCommand();
            select.CommandText = "SELECT id, body FROM audit WHERE seq > COALESCE((SELECT seq FROM audit WHERE id = $after), 0) ORDER BY seq LIMIT 10000";
            select.Parameters.AddWithValue("$after", (object?)after ?? DBNull.Value);
            var page = new List<(string Id, AuditEvent Event)>();
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    page.Add((reader.GetString(0), AuditChain.Deserialize((byte[])reader[1])));
                }
            }

            foreach (var (_, auditEvent) in page)
            {
                if (query.Matches(auditEvent))
                {
                    yield return auditEvent;
                }
            }

            if (page.Count < 10000)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }

    /// <summary>Opens (creating when needed) <c>audit.db</c> in <paramref name="dataDirectory"/>.</summary>
    /// <exception cref="IOException">The file cannot be opened as an audit log.</exception>
    public static SqliteAuditStore Open(string dataDirectory, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDirectory, FileName));
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; PRAGMA wal_autocheckpoint=20000;" + Schema;
            command.ExecuteNonQuery();
            return new SqliteAuditStore(connection, connectionString, path, AuditSigningKey.LoadOrCreate(dataDirectory), timeProvider ?? TimeProvider.System);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new IOException($"cannot open the audit log '{path}': {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        // Masked, then serialised, on the caller's thread, so that the single writer only hashes, inserts and commits.
        auditEvent = AuditMasking.Apply(auditEvent);
        var body = AuditChain.Serialize(auditEvent);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.Writer.TryWrite((auditEvent, body, done)))
        {
            throw new InvalidOperationException("the audit log is closed");
        }

        // Not cancelled once queued: the caller learns whether the event is on disk.
        await done.Task.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.CreateCommand();
        var where = new List<string>();
        void Filter(string clause, string name, object? value)
        {
            if (value is not null)
            {
                where.Add(clause);
                select.Parameters.AddWithValue(name, value);
            }
        }

        Filter("agent = $agent", "$agent", query.AgentId);
        Filter("session = $session", "$session", query.SessionId);
        Filter("type = $type", "$type", query.Type?.ToString());
        Filter("ts >= $since", "$since", query.Since?.UtcDateTime.ToString("O"));
        Filter("ts < $until", "$until", query.Until?.UtcDateTime.ToString("O"));
        Filter("decision = $decision", "$decision", query.Decision is { } decision ? DecisionNames.Of(decision) : null);
        Filter("tool = $tool", "$tool", query.Tool);
        Filter("seq < (SELECT seq FROM audit WHERE id = $before)", "$before", query.BeforeId);
        select.CommandText = $"SELECT body FROM audit {(where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where))} ORDER BY seq DESC LIMIT $limit";
        select.Parameters.AddWithValue("$limit", Math.Max(0, query.Limit));
        var events = new List<AuditEvent>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(AuditChain.Deserialize((byte[])reader[0]));
        }

        return events;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writing.ConfigureAwait(false);
        SignFinalHead();
        await _writer.DisposeAsync().ConfigureAwait(false);
        _signer.Dispose();
    }

    /// <summary>On close, a head over the last event, so that a cut tail shows.</summary>
    private void SignFinalHead()
    {
        try
        {
            using var transaction = _writer.BeginTransaction(deferred: false);
            var (sequence, hash) = LastHead(_writer, transaction);
            SignHeadIfDue(transaction, sequence, hash, force: true);
            transaction.Commit();
        }
        catch (SqliteException)
        {
            // The next open signs again at its first commit.
        }
    }

    /// <summary>Signs the chain's head (<paramref name="sequence"/>, <paramref name="hash"/>) when N events or T seconds passed since the last signed head (or when forced).</summary>
    private void SignHeadIfDue(SqliteTransaction transaction, long sequence, string hash, bool force = false)
    {
        using var select = _writer.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM heads";
        var lastHead = (long)select.ExecuteScalar()!;
        var now = _time.GetUtcNow();
        if (sequence == 0 || sequence == lastHead || (!force && sequence - lastHead < HeadEveryEvents && now - _lastHeadAt < HeadEvery))
        {
            return;
        }

        var signedAt = now.UtcDateTime.ToString("O");
        using var insert = _writer.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO heads (seq, hash, signed_at, signature) VALUES ($seq, $hash, $at, $signature)";
        insert.Parameters.AddWithValue("$seq", sequence);
        insert.Parameters.AddWithValue("$hash", hash);
        insert.Parameters.AddWithValue("$at", signedAt);
        insert.Parameters.AddWithValue("$signature", _signer.Sign(sequence, hash, signedAt));
        insert.ExecuteNonQuery();
        _lastHeadAt = now;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<(AuditEvent Event, byte[] Body, TaskCompletionSource Done)>(MaxBatch);
        while (await _pending.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                Commit(batch);
                foreach (var (_, _, done) in batch)
                {
                    done.TrySetResult();
                }
            }
            catch (Exception e)
            {
                foreach (var (_, _, done) in batch)
                {
                    done.TrySetException(e);
                }
            }
        }
    }

    /// <summary>
    /// Writes the batch in one transaction (one fsync) and returns the new head hash. The head is read
    /// inside the (immediate, write-locked) transaction, so that another process appending to the same
    /// file continues the same chain.
    /// </summary>
    private string Commit(List<(AuditEvent Event, byte[] Body, TaskCompletionSource Done)> batch)
    {
        using var transaction = _writer.BeginTransaction(deferred: false);
        var (sequence, previous) = LastHead(_writer, transaction);
        using var insert = _writer.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO audit (id, ts, agent, session, type, decision, tool, body, prev_hash, hash)
            VALUES ($id, $ts, $agent, $session, $type, $decision, $tool, $body, $prev, $hash)
            """;
        var parameters = new[] { "$id", "$ts", "$agent", "$session", "$type", "$decision", "$tool", "$body", "$prev", "$hash" }
            .Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        foreach (var (auditEvent, body, _) in batch)
        {
            var hash = AuditChain.Link(previous, body);
            parameters[0].Value = auditEvent.Id;
            parameters[1].Value = auditEvent.Timestamp.UtcDateTime.ToString("O");
            parameters[2].Value = auditEvent.AgentId;
            parameters[3].Value = auditEvent.SessionId;
            parameters[4].Value = auditEvent.Type.ToString();
            parameters[5].Value = DecisionNames.Of(auditEvent.Decision);
            parameters[6].Value = (object?)auditEvent.Tool ?? DBNull.Value;
            parameters[7].Value = body;
            parameters[8].Value = previous;
            parameters[9].Value = hash;
            insert.ExecuteNonQuery();
            previous = hash;
        }

        // Rows take the next rowid in turn, so the batch ends at the head's sequence plus its size.
        SignHeadIfDue(transaction, sequence + batch.Count, previous);
        transaction.Commit();
        return previous;
    }

    /// <summary>The chain's last event: its sequence number and hash (0 and the genesis hash when empty).</summary>
    private static (long Sequence, string Hash) LastHead(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1";
        using var reader = select.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditChain.Genesis);
    }
}
