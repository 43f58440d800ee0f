using Microsoft.Data.Sqlite;
using Warden.Storage.Sqlite;

namespace Warden.Storage.Tests;

/// <summary>warden.db's group commit: writes that wait together share one transaction, each undone alone when it fails.</summary>
public sealed class SqliteGroupCommitTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("warden-group-commit-").FullName;
    private SqliteDatabase _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _database = SqliteDatabase.Open(_folder);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Writes_queued_behind_a_commit_run_as_one_batch_and_a_failing_one_is_undone_alone()
    {
        using var holding = new ManualResetEventSlim();
        var first = HoldTheConnection(holding);

        // Queued while the first write holds the connection: the next holder runs them in one transaction.
        var transactions = new List<SqliteTransaction>();
        var failing = _database.WriteAsync<int>((connection, transaction) =>
        {
            transactions.Add(transaction);
            Insert(connection, transaction, "partial");
            return Insert(connection, transaction, "first"); // the key exists: a constraint error
        }, cancellationToken: Ct).AsTask();
        var succeeding = _database.WriteAsync((connection, transaction) =>
        {
            transactions.Add(transaction);
            return Insert(connection, transaction, "after");
        }, cancellationToken: Ct).AsTask();
        holding.Set();

        Assert.Equal(1, await first);
        var error = await Assert.ThrowsAsync<SqliteException>(() => failing);
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Equal(1, await succeeding);
        Assert.Equal(["after", "first"], await KeysAsync()); // "partial" was undone with its failing write
        Assert.Equal(2, transactions.Count);
        Assert.Same(transactions[0], transactions[1]); // one batch, one commit
    }

    [Fact]
    public async Task Closing_the_store_fails_queued_writes_instead_of_leaving_them_waiting()
    {
        using var holding = new ManualResetEventSlim();
        var first = HoldTheConnection(holding);
        var queued = _database.WriteAsync((connection, transaction) => Insert(connection, transaction, "queued"), cancellationToken: Ct).AsTask();
        var closing = _database.DisposeAsync().AsTask();
        holding.Set();

        Assert.Equal(1, await first);
        await closing;
        // Whether the close or the queued write took the connection first, the write ends: committed, or refused as closed.
        var outcome = await Record.ExceptionAsync(() => queued);
        Assert.True(outcome is null or ObjectDisposedException, $"unexpected {outcome}");
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await _database.WriteAsync((connection, transaction) => Insert(connection, transaction, "late"), cancellationToken: Ct));
    }

    [Fact]
    public async Task Many_concurrent_writers_all_land()
    {
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => _database.WriteAsync((connection, transaction) => Insert(connection, transaction, $"k{i:000}"), cancellationToken: Ct).AsTask(), Ct)));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"k{i:000}"), await KeysAsync());
    }

    [Fact]
    public async Task An_unflushed_write_is_committed_at_once_and_a_flushed_one_commits_with_a_full_sync()
    {
        await _database.WriteAsync((connection, transaction) => Insert(connection, transaction, "unflushed"), flush: false, cancellationToken: Ct);
        var afterUnflushed = await SynchronousAsync();
        await using (var other = new SqliteConnection($"Data Source={_database.Path};Pooling=False"))
        {
            await other.OpenAsync(Ct);
            await using var select = other.CreateCommand();
            select.CommandText = "SELECT COUNT(*) FROM breakers WHERE key = 'unflushed'";
            Assert.Equal(1L, await select.ExecuteScalarAsync(Ct)); // committed: another connection reads it
        }

        await _database.WriteAsync((connection, transaction) => Insert(connection, transaction, "flushed"), cancellationToken: Ct);

        Assert.Equal(1L, afterUnflushed); // NORMAL: no fsync of its own
        Assert.Equal(2L, await SynchronousAsync()); // FULL: on disk, with every earlier commit in the log
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Starts a write (of "first") that keeps the connection until <paramref name="release"/> is set; returns once it holds it.</summary>
    private Task<int> HoldTheConnection(ManualResetEventSlim release)
    {
        using var started = new ManualResetEventSlim();
        var first = Task.Run(() => _database.WriteAsync((connection, transaction) =>
        {
            started.Set();
            release.Wait(Ct); // the writes queued meanwhile wait for the next holder
            return Insert(connection, transaction, "first");
        }).AsTask(), Ct);
        started.Wait(Ct);
        return first;
    }

    private static int Insert(SqliteConnection connection, SqliteTransaction transaction, string key)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO breakers (key, body) VALUES ($key, '{}')";
        insert.Parameters.AddWithValue("$key", key);
        return insert.ExecuteNonQuery();
    }

    private ValueTask<long> SynchronousAsync() => _database.RunAsync(connection =>
    {
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous";
        return (long)pragma.ExecuteScalar()!;
    }, Ct);

    private ValueTask<List<string>> KeysAsync() => _database.RunAsync(connection =>
    {
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT key FROM breakers ORDER BY key";
        using var reader = select.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }, Ct);
}
