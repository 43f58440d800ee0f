using Microsoft.Data.Sqlite;
using Warden.Auditing;
using Warden.Storage.Sqlite;

namespace Warden.Cli.Tests.Commands;

public sealed class AuditReadOnlyTests
{
    [Fact]
    public async Task Querying_exporting_replaying_and_showing_alerts_of_a_log_never_write_to_it_not_even_a_signed_head()
    {
        var data = WardenProcess.TempFolder();
        await using (var store = SqliteAuditStore.Open(data))
        {
            for (var i = 0; i < 3; i++)
            {
                await store.AppendAsync(new AuditEvent
                {
                    Id = $"e{i}",
                    Timestamp = DateTimeOffset.UtcNow,
                    Type = AuditEventType.ToolCall,
                    AgentId = "assistant",
                    SessionId = "s1",
                    Tool = "read_document",
                    Decision = DecisionKind.Allow,
                    Rule = "roles.ASSISTANT",
                    Reason = "allowed",
                }, TestContext.Current.CancellationToken);
            }
        }

        // As after a crash: the last events are not covered by a signed head. A reader must not sign one.
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, SqliteAuditStore.FileName)};Pooling=False"))
        {
            connection.Open();
            using var cut = connection.CreateCommand();
            cut.CommandText = "DELETE FROM heads";
            cut.ExecuteNonQuery();
        }

        var files = Snapshot(data);
        var query = await WardenProcess.RunAsync("audit", "query", "--data", data, "--json");
        var export = await WardenProcess.RunAsync("audit", "export", "--data", data);
        var replay = await WardenProcess.RunAsync("policy", "replay", "--data", data, "--policy", Path.Combine(AppContext.BaseDirectory, "samples", "policy.yaml"));
        var alerts = await WardenProcess.RunAsync("audit", "alerts", "--data", data);

        Assert.True(query.ExitCode == 0, query.Stderr);
        Assert.Equal(3, query.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(export.ExitCode == 0, export.Stderr);
        Assert.Equal(3, export.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(replay.ExitCode is 0 or 1, replay.Stderr);
        Assert.True(alerts.ExitCode == 0, alerts.Stderr);
        Assert.Equal(files, Snapshot(data));
        // A read-only reader of a WAL database leaves SQLite's shared-memory file and an empty log behind.
        Assert.All(Directory.GetFiles(data, "audit.db-wal"), wal => Assert.Equal(0, new FileInfo(wal).Length));
    }

    /// <summary>Every file of the folder but SQLite's shared-memory and write-ahead files, with a hash of its bytes.</summary>
    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder).Where(f => !f.EndsWith("-shm", StringComparison.Ordinal) && !f.EndsWith("-wal", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));
}
