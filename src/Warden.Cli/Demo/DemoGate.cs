using Warden.Auditing;
using Warden.Auditing.Anomalies;
using Warden.Policies;
using Warden.Resilience.Breakers;
using Warden.Storage.Sqlite;

namespace Warden.Cli.Demo;

/// <summary>The demo's gate: the default pipeline over the demo tools, on the embedded SQLite store in the data folder.</summary>
internal sealed class DemoGate : IAsyncDisposable
{
    private readonly SqliteDatabase _database;

    private DemoGate(Gate gate, SqliteDatabase database, SqliteAuditStore audit)
    {
        Gate = gate;
        _database = database;
        Audit = audit;
    }

    public Gate Gate { get; }

    /// <summary>The hash-chained audit log in the data folder (<c>audit.db</c>).</summary>
    public SqliteAuditStore Audit { get; }

    /// <summary>Opens <c>warden.db</c> in the world's folder and builds the gate over it.</summary>
    public static DemoGate Open(Policy policy, DemoWorld world, TimeProvider time)
    {
        var (stores, database) = SqliteStores.Open(world.Root);
        var audit = SqliteAuditStore.Open(world.Root);
        audit.Alerts = policy.Alerts;
        var builder = GateBuilder.CreateDefault(new StaticPolicySource(policy), DemoTools.Create(world, time), time, resilience: stores);
        // The agent's history in this folder is its baseline (earlier runs).
        var detector = new AnomalyDetector(policy.Anomalies);
        AnomalyHistory.LearnAsync(detector, audit, time.GetUtcNow() - AnomalyHistory.DefaultWindow).GetAwaiter().GetResult();
        builder.Audit = new AnomalyWatchingAuditStore(audit, detector);
        return new DemoGate(builder.Build(), database, audit);
    }

    /// <summary>
    /// Closes the demo agent's circuits: they are durable, so a run a minute after another would
    /// otherwise start with the loop scenario's circuit still open.
    /// </summary>
    public async Task ResetCircuitsAsync(string agentId, CancellationToken cancellationToken)
    {
        var store = Gate.Stages.OfType<Stages.CircuitBreaker.CircuitBreakerStage>().Single().Store;
        foreach (var state in await store.ListAsync(cancellationToken))
        {
            if (state.Key == $"agent:{agentId}" || state.Key.StartsWith($"tool:{agentId}/", StringComparison.Ordinal))
            {
                await store.UpdateAsync(state.Key, BreakerMachine.Reset, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Audit.DisposeAsync();
        await _database.DisposeAsync();
    }
}
