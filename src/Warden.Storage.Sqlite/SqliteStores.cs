using Warden.Resilience;

namespace Warden.Storage.Sqlite;

/// <summary>The embedded default: checkpoints, ledger, circuit states and approvals in <c>DATA/warden.db</c>.</summary>
public static class SqliteStores
{
    /// <summary>Opens the stores of <paramref name="dataDirectory"/>; dispose the database when done.</summary>
    public static (ResilienceStores Stores, SqliteDatabase Database) Open(string dataDirectory)
    {
        var database = SqliteDatabase.Open(dataDirectory);
        return (new ResilienceStores
        {
            Breakers = new SqliteBreakerStore(database),
            Checkpoints = new SqliteCheckpointStore(database),
            Ledger = new SqliteSideEffectLedger(database),
            Approvals = new SqliteApprovalStore(database),
        }, database);
    }
}
