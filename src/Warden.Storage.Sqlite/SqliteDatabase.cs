using Microsoft.Data.Sqlite;

namespace Warden.Storage.Sqlite;

/// <summary>
/// One SQLite file in the data folder (<c>warden.db</c>), opened in WAL mode with
/// <c>synchronous=FULL</c>: a commit returns only once it is on disk, unless the write asked not to
/// wait (see <see cref="WriteAsync{T}"/>). One connection, used by one
/// caller at a time (SQLite runs one writer at a time anyway); the schema is created on first open.
/// Writes (<see cref="WriteAsync{T}"/>) are group-committed: whoever gets the connection runs every
/// write waiting at that moment in one transaction, each in its own savepoint, and commits once, so
/// concurrent calls share one fsync instead of queueing for one each. A write may also ask not to be
/// flushed itself when a flushed one of the same call follows (see <see cref="WriteAsync{T}"/>).
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    /// <summary>The file's name inside the data folder.</summary>
    public const string FileName = "warden.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS checkpoints (
            session_id TEXT NOT NULL,
            sequence   INTEGER NOT NULL,
            taken_at   TEXT NOT NULL,
            state_hash TEXT NOT NULL,
            body       BLOB NOT NULL,
            PRIMARY KEY (session_id, sequence)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS ledger (
            key          TEXT PRIMARY KEY,
            session_id   TEXT NOT NULL,
            tool         TEXT NOT NULL,
            started_at   TEXT NOT NULL,
            status       TEXT,
            output       TEXT,
            duration_ms  REAL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS breakers (
            key  TEXT PRIMARY KEY,
            body TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS approvals (
            id           TEXT PRIMARY KEY,
            call_key     TEXT NOT NULL,
            status       TEXT NOT NULL,
            requested_at TEXT NOT NULL,
            body         TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS approvals_call ON approvals (call_key, requested_at);
        CREATE INDEX IF NOT EXISTS approvals_status ON approvals (status, requested_at);
        """;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentQueue<PendingWrite> _writes = new();
    private bool _disposed; // set and read holding _gate
    private bool _flushing = true; // the connection's synchronous setting: FULL (true) or NORMAL; holding _gate

    private SqliteDatabase(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating when needed) <c>warden.db</c> in <paramref name="dataDirectory"/>.</summary>
    /// <exception cref="IOException">The folder cannot be made or the file is not a Warden database.</exception>
    public static SqliteDatabase Open(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDirectory, FileName));
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;" + Schema;
            command.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new IOException($"cannot open the store '{path}': {e.Message}", e);
        }

        return new SqliteDatabase(connection, path);
    }

    /// <summary>Runs <paramref name="work"/> with the connection, alone.</summary>
    public async ValueTask<T> RunAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return work(_connection);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction shared with the other writes waiting at the time
    /// (inside a savepoint of its own: when it throws, its changes alone are undone and the exception is
    /// this call's), and returns once the transaction is committed. <paramref name="work"/> must not
    /// commit or roll back the transaction it is given. Cancellation is honoured only while waiting for
    /// the connection before the write has been run; once queued, a write may be run by another caller's batch.
    /// </summary>
    /// <param name="work">The write.</param>
    /// <param name="flush">
    /// True (the default): the commit is on disk (fsync) when this returns. False: the write is
    /// committed and visible at once and survives a crash of the process (the write-ahead log is in the
    /// operating system's cache), and reaches the disk with the next flushed commit, since the log is
    /// written in order; only a power cut or a crash of the machine before that commit can lose it. For
    /// writes that a flushed write of the same call follows before anything depends on them.
    /// </param>
    /// <param name="cancellationToken">Gives up waiting before the write is queued.</param>
    public async ValueTask<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, bool flush = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        var write = new PendingWrite<T>(work) { Flush = flush };
        _writes.Enqueue(write);
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false); // queued: the write will run, in this batch or another's
        try
        {
            if (_disposed)
            {
                write.Failed(new ObjectDisposedException(nameof(SqliteDatabase), "the store was closed before this write ran"));
            }
            else if (!write.Task.IsCompleted)
            {
                CommitWaitingWrites();
            }
        }
        finally
        {
            _gate.Release();
        }

        return await write.Task.ConfigureAwait(false);
    }

    /// <summary>Runs every queued write in one transaction and commits it (holding <see cref="_gate"/>).</summary>
    private void CommitWaitingWrites()
    {
        var batch = new List<PendingWrite>();
        while (_writes.TryDequeue(out var queued))
        {
            batch.Add(queued);
        }

        if (batch.Count == 0)
        {
            return;
        }

        var succeeded = new List<PendingWrite>(batch.Count);
        try
        {
            // One flushed write makes the whole batch's commit flushed (and every commit before it, the log being in order).
            var flush = batch.Exists(w => w.Flush);
            if (flush != _flushing)
            {
                var synchronous = Prepared(flush ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
                synchronous.ExecuteNonQuery();
                _flushing = flush;
            }

            using var transaction = _connection.BeginTransaction();
            foreach (var write in batch)
            {
                transaction.Save("write");
                try
                {
                    write.Run(_connection, transaction);
                    transaction.Release("write");
                    succeeded.Add(write);
                }
                catch (Exception e)
                {
                    transaction.Rollback("write");
                    transaction.Release("write");
                    write.Failed(e);
                }
            }

            transaction.Commit();
        }
        catch (Exception e)
        {
            // The batch is not on disk: no write in it took effect.
            foreach (var write in batch)
            {
                write.Failed(e);
            }

            return;
        }

        foreach (var write in succeeded)
        {
            write.Committed();
        }
    }

    /// <summary>
    /// The command for <paramref name="sql"/>, prepared once and kept for the database's life (its
    /// parameters cleared, outside any transaction): SQLite then compiles each statement once instead of
    /// on every call (preparing was about a tenth of the gateway's CPU per call, profiled). Only inside
    /// <see cref="RunAsync{T}"/> or <see cref="WriteAsync{T}"/>, and never disposed by the caller.
    /// </summary>
    public SqliteCommand Prepared(string sql)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _prepared[sql] = command;
        }

        command.Parameters.Clear();
        command.Transaction = null;
        return command;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Writes still queued are failed (their callers get an <see cref="ObjectDisposedException"/>); a
    /// caller whose write an earlier batch committed still gets its result. The gate is released, not
    /// disposed, so that callers waiting for it wake up and see the store closed.
    /// </remarks>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            while (_writes.TryDequeue(out var queued))
            {
                queued.Failed(new ObjectDisposedException(nameof(SqliteDatabase), "the store was closed before this write ran"));
            }

            foreach (var command in _prepared.Values)
            {
                command.Dispose();
            }

            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
