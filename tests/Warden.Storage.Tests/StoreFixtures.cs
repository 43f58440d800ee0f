using Warden.Resilience;
using Warden.Storage.Sqlite;

namespace Warden.Storage.Tests;

/// <summary>Makes a fresh set of stores for a contract test, and reopens it as after a restart.</summary>
public interface IStoreFactory : IAsyncDisposable
{
    ResilienceStores Create();

    /// <summary>The same stores as a new process would open them (for durable stores: closed and reopened).</summary>
    ValueTask<ResilienceStores> ReopenAsync();
}

public sealed class InMemoryStoreFactory : IStoreFactory
{
    private ResilienceStores? _stores;

    public ResilienceStores Create() => _stores = ResilienceStores.InMemory() with { Approvals = new Warden.Approvals.InMemoryApprovalStore() };

    public ValueTask<ResilienceStores> ReopenAsync() => ValueTask.FromResult(_stores!);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public sealed class SqliteStoreFactory : IStoreFactory
{
    private readonly string _folder = Directory.CreateTempSubdirectory("warden-sqlite-").FullName;
    private SqliteDatabase? _database;

    public string Folder => _folder;

    public ResilienceStores Create()
    {
        (var stores, _database) = SqliteStores.Open(_folder);
        return stores;
    }

    public async ValueTask<ResilienceStores> ReopenAsync()
    {
        await _database!.DisposeAsync();
        return Create();
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
