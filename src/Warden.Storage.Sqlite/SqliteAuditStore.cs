using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Warden.Auditing;
using Warden.Auditing.Alerts;

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

    /// <summary>
    /// The write-ahead log is copied into the database (a checkpoint) once it holds this many pages
    /// (8 MB); the next commit then starts it again from its beginning, so that commits overwrite
    /// blocks the file already has. A commit that grows the file waits for the file system to record
    /// the new blocks as well (measured, a bare SQLite commit of 16 events: 0.66 ms growing, 0.50–0.55 ms reusing).
    /// </summary>
    private const int WalPages = 2000;

    /// <summary>How long a commit yields the core to the callers the last commit acknowledged before it waits for them blocked (see <see cref="TakeStragglers"/>).</summary>
    private static readonly TimeSpan YieldFor = TimeSpan.FromMicroseconds(250);

    /// <summary>The longest a commit then waits for them, blocked.</summary>
    private static readonly TimeSpan MaxCommitDelay = TimeSpan.FromMilliseconds(1);

    /// <summary>The agent and session indexes are brought up to date after this many events...</summary>
    private const int IndexEveryEvents = 4096;

    /// <summary>Rows indexed per transaction.</summary>
    private const int IndexChunk = 20_000;

    /// <summary>...or when no append is waiting and this long passed since the last time.</summary>
    private static readonly TimeSpan DefaultIndexWhenIdleAfter = TimeSpan.FromMilliseconds(200);

    private TimeSpan _indexWhenIdleAfter = DefaultIndexWhenIdleAfter;

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
        CREATE INDEX IF NOT EXISTS audit_ts ON audit (ts);
        CREATE TABLE IF NOT EXISTS audit_index (
            seq     INTEGER PRIMARY KEY,
            agent   TEXT NOT NULL,
            session TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS audit_index_agent ON audit_index (agent, seq);
        CREATE INDEX IF NOT EXISTS audit_index_session ON audit_index (session, seq);
        DROP INDEX IF EXISTS audit_agent;
        DROP INDEX IF EXISTS audit_session;
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
    private readonly SqliteAuditReader _reader;
    private readonly Channel<(AuditEvent Event, byte[] Body, TaskCompletionSource Done)> _pending = Channel.CreateUnbounded<(AuditEvent, byte[], TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = false } /* the single-reader channel cannot count */);
    private readonly Task _writing;
    private readonly AuditSigningKey _signer;
    private readonly TimeProvider _time;
    private DateTimeOffset _lastHeadAt = DateTimeOffset.MinValue;
    private SqliteCommand? _insert;
    private SqliteCommand? _enqueue;
    private SqliteCommand? _lastHead;
    private SqliteCommand? _lastSigned;
    private volatile AlertSettings _alerts = AlertSettings.None;
    private readonly Lazy<SqliteAlertOutbox> _outbox;
    private int _unindexed;
    private int _expected;
    private readonly ManualResetEventSlim _arrived = new(false, spinCount: 0);
    private long _lastIndexed;

    private SqliteAuditStore(SqliteConnection writer, string connectionString, string path, AuditSigningKey signer, MaskDigest? digest, TimeProvider time)
    {
        _signer = signer;
        Digest = digest;
        _time = time;
        _writer = writer;
        _connectionString = connectionString;
        _reader = new SqliteAuditReader(connectionString);
        Path = path;
        _outbox = new Lazy<SqliteAlertOutbox>(() => new SqliteAlertOutbox(connectionString));
        IndexTail();
        _writing = Task.Run(WriteLoopAsync);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public MaskDigest? Digest { get; }

    /// <summary>
    /// The webhooks alerts go to (the policy's <c>alerts:</c>); each event of a type a webhook takes is
    /// queued in the outbox in the transaction that records it. Replace it when the policy changes.
    /// </summary>
    public AlertSettings Alerts
    {
        get => _alerts;
        set => _alerts = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The outbox those alerts wait in, for an <see cref="AlertDispatcher"/> (one connection of its own).</summary>
    public SqliteAlertOutbox Outbox => _outbox.Value;

    /// <summary>
    /// Every event that passes <paramref name="query"/>'s filters, oldest first, streamed from the file
    /// (for export to a SIEM); the query's limit and cursor are not used.
    /// </summary>
    public IAsyncEnumerable<AuditEvent> ExportAsync(AuditQuery query, CancellationToken cancellationToken = default) => _reader.ExportAsync(query, cancellationToken);

    /// <summary>The connection string of the log that already is in <paramref name="dataDirectory"/>, opened read-only or read-write (never created).</summary>
    /// <exception cref="FileNotFoundException">The folder holds no audit log.</exception>
    internal static string ExistingLog(string dataDirectory, bool readOnly)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDirectory, FileName));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"there is no audit log in '{dataDirectory}' ({FileName})", path);
        }

        return new SqliteConnectionStringBuilder { DataSource = path, Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
    }

    /// <summary>Opens (creating when needed) <c>audit.db</c> in <paramref name="dataDirectory"/>, its keys in the folder too.</summary>
    /// <exception cref="IOException">The file cannot be opened as an audit log.</exception>
    public static SqliteAuditStore Open(string dataDirectory, TimeProvider? timeProvider = null) =>
        Open(dataDirectory, new SqliteAuditStoreOptions(), timeProvider);

    /// <summary>Opens (creating when needed) <c>audit.db</c> in <paramref name="dataDirectory"/>, with its keys where <paramref name="options"/> say.</summary>
    /// <exception cref="IOException">The file cannot be opened as an audit log, or a key supplied by configuration cannot be read.</exception>
    public static SqliteAuditStore Open(string dataDirectory, SqliteAuditStoreOptions? options, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        options ??= new SqliteAuditStoreOptions();
        Directory.CreateDirectory(dataDirectory);
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDirectory, FileName));
        var signer = options.SigningKeyFile is { } signingKey ? AuditSigningKey.Load(signingKey) : AuditSigningKey.LoadOrCreate(dataDirectory);
        MaskDigest? digest;
        try
        {
            digest = options.DigestKeyFile is { } digestKey ? AuditDigestKey.Load(digestKey)
                : options.DigestMaskedValues ? AuditDigestKey.LoadOrCreate(dataDirectory)
                : null;
        }
        catch
        {
            signer.Dispose();
            throw;
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; PRAGMA wal_autocheckpoint=" + WalPages + ";" + Schema + SqliteAlertOutbox.Schema;
            command.ExecuteNonQuery();
            return new SqliteAuditStore(connection, connectionString, path, signer, digest, timeProvider ?? TimeProvider.System);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            signer.Dispose();
            throw new IOException($"cannot open the audit log '{path}': {e.Message}", e);
        }
    }

    /// <summary>Opens the log with the idle indexing interval set (for tests of the index's tail).</summary>
    internal static SqliteAuditStore Open(string dataDirectory, TimeSpan indexWhenIdleAfter)
    {
        var store = Open(dataDirectory);
        store._indexWhenIdleAfter = indexWhenIdleAfter;
        return store;
    }

    /// <summary>The last sequence number in the agent and session indexes.</summary>
    internal long IndexedThrough()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM audit_index";
        return (long)select.ExecuteScalar()!;
    }

    /// <inheritdoc />
    public async ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        // Masked, then serialised, on the caller's thread, so that the single writer only hashes, inserts and commits.
        auditEvent = AuditMasking.Apply(auditEvent, Digest);
        var body = AuditChain.Serialize(auditEvent);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.Writer.TryWrite((auditEvent, body, done)))
        {
            throw new InvalidOperationException("the audit log is closed");
        }

        if (Volatile.Read(ref _expected) is > 0 and var expected && _pending.Reader.Count >= expected)
        {
            _arrived.Set(); // the writer is waiting for this many: they are all here
        }

        // Not cancelled once queued: the caller learns whether the event is on disk.
        await done.Task.ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>See <see cref="SqliteAuditReader.QueryAsync"/>: it sees every acknowledged event.</remarks>
    public ValueTask<IReadOnlyList<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) => _reader.QueryAsync(query, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writing.ConfigureAwait(false);
        IndexTail();
        SignFinalHead();
        _insert?.Dispose();
        _arrived.Dispose();
        _enqueue?.Dispose();
        _lastHead?.Dispose();
        _lastSigned?.Dispose();
        if (_outbox.IsValueCreated)
        {
            _outbox.Value.Dispose();
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        _signer.Dispose();
    }

    /// <summary>On close, a head over the last event, so that a cut tail shows.</summary>
    private void SignFinalHead()
    {
        try
        {
            using var transaction = _writer.BeginTransaction(deferred: false);
            var (sequence, hash) = LastHead(transaction);
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
        var select = _lastSigned ??= NewCommand("SELECT COALESCE(MAX(seq), 0) FROM heads");
        select.Transaction = transaction;
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

    /// <summary>
    /// Adds the events not yet in <c>audit_index</c> to it, in one transaction. The agent and session
    /// indexes are kept here, behind the appends, because keeping them on every commit scatters each
    /// commit's writes over a page per agent and per session (measured: a 16-event commit took about
    /// twice as long with them); <see cref="QueryAsync"/> reads the tail that is not indexed yet
    /// from the table itself. A failure here loses nothing: the next run indexes the same rows.
    /// </summary>
    private void IndexTail()
    {
        try
        {
            // In chunks, each its own short transaction, so that indexing a long backlog (a log written
            // before this table existed) never holds the write lock for long.
            int added;
            do
            {
                using var transaction = _writer.BeginTransaction(deferred: false);
                using var insert = _writer.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT OR IGNORE INTO audit_index (seq, agent, session) SELECT seq, agent, session FROM audit WHERE seq > (SELECT COALESCE(MAX(seq), 0) FROM audit_index) ORDER BY seq LIMIT $chunk";
                insert.Parameters.AddWithValue("$chunk", IndexChunk);
                added = insert.ExecuteNonQuery();
                transaction.Commit();
            }
            while (added == IndexChunk);

            _unindexed = 0;
        }
        catch (SqliteException)
        {
            // Left for the next run; queries read the tail from the table meanwhile.
        }

        _lastIndexed = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    /// <summary>Moves the queued appends (up to <see cref="MaxBatch"/>) into <paramref name="batch"/>; returns how many.</summary>
    private int Drain(List<(AuditEvent Event, byte[] Body, TaskCompletionSource Done)> batch)
    {
        var taken = 0;
        while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var item))
        {
            batch.Add(item);
            taken++;
        }

        return taken;
    }

    /// <summary>
    /// The single writer. It never dies silently: should anything escape a batch, the log is closed
    /// with that error, so every waiting and later append fails (the gate then withholds its answers)
    /// rather than waiting forever.
    /// </summary>
    private async Task WriteLoopAsync()
    {
        try
        {
            await WriteBatchesAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _pending.Writer.TryComplete(e);
            while (_pending.Reader.TryRead(out var item))
            {
                item.Done.TrySetException(e);
            }
        }
    }

    private async Task WriteBatchesAsync()
    {
        var batch = new List<(AuditEvent Event, byte[] Body, TaskCompletionSource Done)>(MaxBatch);
        var lastBatch = 0;
        while (await _pending.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            try
            {
                lastBatch = WriteBatch(batch, lastBatch);
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

                continue;
            }

            _unindexed += batch.Count;
            if (_unindexed >= IndexEveryEvents || (_pending.Reader.Count == 0 && System.Diagnostics.Stopwatch.GetElapsedTime(_lastIndexed) >= _indexWhenIdleAfter))
            {
                IndexTail();
            }
        }
    }

    /// <summary>
    /// Writes one batch in one transaction (one fsync) and returns how many appends it took: those
    /// waiting now, hashed and inserted at once; then, when fewer were waiting than the last commit
    /// acknowledged, the others as they come back (<see cref="TakeStragglers"/>). The head is read
    /// inside the (immediate, write-locked) transaction, so that another process appending to the
    /// same file continues the same chain.
    /// </summary>
    private int WriteBatch(List<(AuditEvent Event, byte[] Body, TaskCompletionSource Done)> batch, int lastBatch)
    {
        var taken = Drain(batch);
        using var transaction = _writer.BeginTransaction(deferred: false);
        var (sequence, previous) = LastHead(transaction);
        previous = Insert(transaction, batch, 0, previous);
        if (taken < lastBatch)
        {
            taken += TakeStragglers(transaction, batch, lastBatch - taken, ref previous);
        }

        // Rows take the next rowid in turn, so the batch ends at the head's sequence plus its size.
        SignHeadIfDue(transaction, sequence + batch.Count, previous);
        transaction.Commit();
        return taken;
    }

    /// <summary>
    /// The commit delay: the callers acknowledged by the last commit are most likely about to append
    /// again, so <paramref name="missing"/> of them are waited for, each hashed and inserted as it
    /// comes, so that they share this commit's fsync instead of waiting for the next one. The writer
    /// first yields its core (to those callers, when they are ready to run) for
    /// <see cref="YieldFor"/>, then waits blocked (AppendAsync wakes it when they are all queued) for
    /// at most <see cref="MaxCommitDelay"/>. Returns how many it took. A lone writer never waits (its
    /// last batch was one).
    /// </summary>
    /// <remarks>
    /// Measured side by side (16 writers, see docs/benchmarks.md): blocking at once 15,600 events/s,
    /// yielding up to 1 ms 17,700, yielding then blocking 18,600. A blocked writer is woken late on
    /// this VM; yielding alone would spin a core for a whole millisecond when a caller is slow.
    /// </remarks>
    private int TakeStragglers(SqliteTransaction transaction, List<(AuditEvent Event, byte[] Body, TaskCompletionSource Done)> batch, int missing, ref string previous)
    {
        var taken = 0;
        var yieldUntil = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(YieldFor.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        while (taken < missing)
        {
            if (_pending.Reader.Count > 0)
            {
                taken += TakeQueued(transaction, batch, ref previous);
            }
            else if (System.Diagnostics.Stopwatch.GetTimestamp() < yieldUntil)
            {
                Thread.Yield();
            }
            else
            {
                AwaitStragglers(missing - taken);
                return taken + TakeQueued(transaction, batch, ref previous);
            }
        }

        return taken;
    }

    /// <summary>Takes the queued appends into <paramref name="batch"/> and inserts them; returns how many it took.</summary>
    private int TakeQueued(SqliteTransaction transaction, List<(AuditEvent Event, byte[] Body, TaskCompletionSource Done)> batch, ref string previous)
    {
        var from = batch.Count;
        var taken = Drain(batch);
        previous = Insert(transaction, batch, from, previous);
        return taken;
    }

    /// <summary>Waits, blocked, until <paramref name="missing"/> more appends are queued or <see cref="MaxCommitDelay"/> passes.</summary>
    private void AwaitStragglers(int missing)
    {
        Volatile.Write(ref _expected, missing);
        _arrived.Reset();
        if (_pending.Reader.Count < missing)
        {
            _arrived.Wait(MaxCommitDelay);
        }

        Volatile.Write(ref _expected, 0);
    }

    /// <summary>
    /// Hashes and inserts <paramref name="batch"/> from <paramref name="from"/> on, chained to
    /// <paramref name="previous"/>; returns the new head hash. An event the table refuses (a
    /// constraint: an id already in the log) fails its own caller and leaves the batch; SQLite undoes
    /// only that statement, and the others are committed.
    /// </summary>
    private string Insert(SqliteTransaction transaction, List<(AuditEvent Event, byte[] Body, TaskCompletionSource Done)> batch, int from, string previous)
    {
        // One command for the store's life, so that SQLite prepares the statement once.
        var insert = _insert ??= NewInsert();
        var alerts = _alerts;
        var now = _time.GetUtcNow();
        insert.Transaction = transaction;
        var parameters = insert.Parameters;
        for (var i = from; i < batch.Count; i++)
        {
            var (auditEvent, body, _) = batch[i];
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
            try
            {
                insert.ExecuteNonQuery();
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 19 /* SQLITE_CONSTRAINT */)
            {
                batch[i].Done.TrySetException(e);
                batch.RemoveAt(i--);
                continue;
            }

            previous = hash;
            foreach (var webhook in alerts.For(auditEvent.Type))
            {
                var enqueue = _enqueue ??= SqliteAlertOutbox.NewEnqueue(_writer);
                enqueue.Transaction = transaction;
                SqliteAlertOutbox.Enqueue(enqueue, auditEvent, body, webhook.Name, now);
            }
        }

        return previous;
    }

    private SqliteCommand NewInsert()
    {
        var insert = _writer.CreateCommand();
        insert.CommandText = """
            INSERT INTO audit (id, ts, agent, session, type, decision, tool, body, prev_hash, hash)
            VALUES ($id, $ts, $agent, $session, $type, $decision, $tool, $body, $prev, $hash)
            """;
        foreach (var name in (string[])["$id", "$ts", "$agent", "$session", "$type", "$decision", "$tool", "$body", "$prev", "$hash"])
        {
            insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return insert;
    }

    /// <summary>The chain's last event: its sequence number and hash (0 and the genesis hash when empty).</summary>
    private (long Sequence, string Hash) LastHead(SqliteTransaction transaction)
    {
        var select = _lastHead ??= NewCommand("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
        select.Transaction = transaction;
        using var reader = select.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditChain.Genesis);
    }

    /// <summary>A command on the writer's connection, kept for the store's life so that SQLite prepares it once.</summary>
    private SqliteCommand NewCommand(string text)
    {
        var command = _writer.CreateCommand();
        command.CommandText = text;
        return command;
    }
}
