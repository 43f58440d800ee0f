using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;
using Warden.Auditing;
using Warden.Storage.Sqlite;

namespace Warden.Benchmarks;

/// <summary>
/// The audit log on SQLite: durable appends from 16 concurrent writers (8,000 events per operation),
/// verifying a chain of 1,000,000 events, and the newest 100 events of one agent among 1,000,000.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class AuditBenchmarks
{
    private const int Writers = 16;
    private const int PerWriter = 500;
    private const int LargeLog = 1_000_000;
    private readonly string _appendFolder = Directory.CreateTempSubdirectory("warden-bench-audit-").FullName;
    private readonly string _largeFolder = Directory.CreateTempSubdirectory("warden-bench-audit-1m-").FullName;
    private SqliteAuditStore _appendStore = null!;
    private SqliteAuditStore _largeStore = null!;

    /// <summary>Events appended per operation of <see cref="AppendFrom16Writers"/>.</summary>
    public static int EventsPerAppendOperation => Writers * PerWriter;

    [GlobalSetup]
    public void Setup()
    {
        _appendStore = SqliteAuditStore.Open(_appendFolder);
        WriteLargeLog();
        _largeStore = SqliteAuditStore.Open(_largeFolder);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _appendStore.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _largeStore.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_appendFolder, true);
        Directory.Delete(_largeFolder, true);
    }

    [Benchmark(Description = "8,000 durable appends from 16 writers")]
    public Task AppendFrom16Writers()
    {
        return Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                // Ids as the gate makes them (UUIDv7: time first), so that each commit's rows sit together in the id index.
                await _appendStore.AppendAsync(Event(Guid.CreateVersion7().ToString("N"), writer));
            }
        })));
    }

    [Benchmark(Description = "verify a chain of 1,000,000 events")]
    public long Verify() => AuditVerifier.Verify(_largeFolder).Events;

    [Benchmark(Description = "newest 100 events of one agent among 1,000,000")]
    public async Task<int> NewestOfAgent() => (await _largeStore.QueryAsync(new AuditQuery { AgentId = "agent-7", Limit = 100 })).Count;

    private static AuditEvent Event(string id, int agent) => new()
    {
        Id = id,
        Timestamp = DateTimeOffset.UtcNow,
        Type = AuditEventType.ToolCall,
        AgentId = $"agent-{agent % 100}",
        SessionId = $"session-{agent % 1000}",
        Tool = "read_mail",
        Decision = DecisionKind.Allow,
        Rule = "roles.READER",
        Reason = "role READER grants email.access",
    };

    /// <summary>A million events written straight in (one transaction), chained as the store chains them, then a signed head.</summary>
    private void WriteLargeLog()
    {
        // Opening makes the schema and the signing key.
        SqliteAuditStore.Open(_largeFolder).DisposeAsync().AsTask().GetAwaiter().GetResult();

        using var connection = new SqliteConnection($"Data Source={Path.Combine(_largeFolder, SqliteAuditStore.FileName)};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO audit (id, ts, agent, session, type, decision, tool, body, prev_hash, hash) VALUES ($id, $ts, $agent, $session, 'ToolCall', 'allow', 'read_mail', $body, $prev, $hash)";
        var p = new[] { "$id", "$ts", "$agent", "$session", "$body", "$prev", "$hash" }.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        var previous = AuditChain.Genesis;
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        for (var i = 0; i < LargeLog; i++)
        {
            var e = Event($"large-{i}", i) with { Timestamp = start.AddMilliseconds(i * 50) };
            var body = AuditChain.Serialize(e);
            var hash = AuditChain.Link(previous, body);
            p[0].Value = e.Id;
            p[1].Value = e.Timestamp.UtcDateTime.ToString("O");
            p[2].Value = e.AgentId;
            p[3].Value = e.SessionId;
            p[4].Value = body;
            p[5].Value = previous;
            p[6].Value = hash;
            insert.ExecuteNonQuery();
            previous = hash;
        }

        transaction.Commit();
        // Closing signs a head over the last event.
        SqliteAuditStore.Open(_largeFolder).DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
