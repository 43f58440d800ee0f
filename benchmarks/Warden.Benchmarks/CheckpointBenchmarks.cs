using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Warden.Policies;
using Warden.Resilience;
using Warden.Resilience.Checkpoints;
using Warden.Sessions;
using Warden.Stages.Checkpointing;
using Warden.Storage.Sqlite;
using Warden.Tools;

namespace Warden.Benchmarks;

/// <summary>
/// The embedded store: a durable checkpoint write (WAL, synchronous=FULL: on disk when it returns)
/// with a 4 KB context snapshot, and recovering a session (read its newest checkpoint, check the
/// state hash, restore it) from a gate that has never seen it.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, warmupCount: 20, iterationCount: 200, invocationCount: 1)]
public class CheckpointBenchmarks
{
    private readonly string _folder = Directory.CreateTempSubdirectory("warden-bench-").FullName;
    private SqliteDatabase _database = null!;
    private ResilienceStores _stores = null!;
    private Session _session = null!;
    private Policy _policy = null!;
    private Gate _freshGate = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_stores, _database) = SqliteStores.Open(_folder);
        _policy = PolicyLoader.Load("agents:\n  agent: { role: READER }\n").GetPolicyOrThrow();
        _session = new Session("bench", "agent", DateTimeOffset.UtcNow);
        _session.AddLabels(["private", "untrusted"]);
        _session.CountTurn();
        var messages = Enumerable.Range(0, 40).Select(i => new { role = i % 2 == 0 ? "user" : "assistant", content = new string((char)('a' + (i % 26)), 72) });
        var context = JsonSerializer.Serialize(new { messages });
        _session.Context = JsonDocument.Parse(context).RootElement;
        if (Encoding.UTF8.GetByteCount(context) is < 4000 or > 4400)
        {
            throw new InvalidOperationException($"the context snapshot is {Encoding.UTF8.GetByteCount(context)} bytes, not about 4 KB");
        }

        _stores.Checkpoints.AppendAsync(CheckpointStage.Take(_session, null, TimeProvider.System)).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_folder, recursive: true);
    }

    [IterationSetup(Target = nameof(Recover))]
    public void FreshGate() =>
        _freshGate = GateBuilder.CreateDefault(new StaticPolicySource(_policy), ToolCatalog.Empty, resilience: _stores).Build();

    [Benchmark(Description = "durable checkpoint write, 4 KB context")]
    public ValueTask Write() => _stores.Checkpoints.AppendAsync(CheckpointStage.Take(_session, null, TimeProvider.System));

    [Benchmark(Description = "recover a session (read, verify hash, restore)")]
    public async Task<RecoveryStatus> Recover() => (await _freshGate.RecoverSessionAsync("bench")).Status;
}
