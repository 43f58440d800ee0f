using Microsoft.Data.Sqlite;
using Warden.Storage.Sqlite;

namespace Warden.Cli.Tests.Commands;

/// <summary>The audit log under load, killed with SIGKILL: every acknowledged event is on disk and the chain verifies.</summary>
public sealed class AuditCrashTests
{
    [Fact]
    public async Task Nothing_acknowledged_is_lost_when_the_process_is_killed_under_load()
    {
        var data = WardenProcess.TempFolder();
        var acknowledged = new List<string>();
        using (var load = WardenProcess.Start("audit-load", "--data", data, "--writers", "16"))
        {
            var ct = TestContext.Current.CancellationToken;
            while (acknowledged.Count < 3000)
            {
                var line = await load.StandardOutput.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(60), ct);
                Assert.True(line is not null, "the load process stopped early");
                acknowledged.Add(line!);
            }

            load.Kill(); // SIGKILL, mid-stream
            while (await load.StandardOutput.ReadLineAsync(ct) is { } late)
            {
                acknowledged.Add(late); // acknowledged before the kill, still in the pipe
            }

            await load.WaitForExitAsync(ct);
            Assert.Equal(137, load.ExitCode);
        }

        var stored = new HashSet<string>(StringComparer.Ordinal);
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, SqliteAuditStore.FileName)};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var select = connection.CreateCommand();
            select.CommandText = "SELECT id FROM audit";
            await using var reader = await select.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                stored.Add(reader.GetString(0));
            }
        }

        var lost = acknowledged.Where(id => !stored.Contains(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged events are missing, e.g. {string.Join(", ", lost.Take(5))}");
        var verification = AuditVerifier.Verify(data);
        Assert.True(verification.Intact, verification.Problem);
        Assert.True(verification.Events >= acknowledged.Count);
        Assert.True(verification.SignedHeads >= 1);
    }
}
