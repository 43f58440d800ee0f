using Microsoft.Data.Sqlite;

namespace Warden.Storage.Sqlite;

/// <summary>One write waiting for <see cref="SqliteDatabase"/>'s next group commit.</summary>
internal abstract class PendingWrite
{
    /// <summary>Whether the write's commit must reach the disk before its caller goes on.</summary>
    public bool Flush { get; init; } = true;

    /// <summary>Runs the write inside the batch's transaction (within its own savepoint).</summary>
    public abstract void Run(SqliteConnection connection, SqliteTransaction transaction);

    /// <summary>Reports that the batch holding the write is on disk.</summary>
    public abstract void Committed();

    /// <summary>Reports that the write failed, or that its batch could not be committed.</summary>
    public abstract void Failed(Exception error);
}

/// <summary>A write that yields a <typeparamref name="T"/> once committed.</summary>
internal sealed class PendingWrite<T>(Func<SqliteConnection, SqliteTransaction, T> work) : PendingWrite
{
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;

    /// <summary>Completes when the write is on disk, or has failed.</summary>
    public Task<T> Task => _done.Task;

    /// <inheritdoc />
    public override void Run(SqliteConnection connection, SqliteTransaction transaction) => _result = work(connection, transaction);

    /// <inheritdoc />
    public override void Committed() => _done.TrySetResult(_result);

    /// <inheritdoc />
    public override void Failed(Exception error) => _done.TrySetException(error);
}
