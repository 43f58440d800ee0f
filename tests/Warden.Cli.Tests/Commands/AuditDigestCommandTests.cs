using System.Text.Json;
using Warden.Auditing;
using Warden.Storage.Sqlite;

namespace Warden.Cli.Tests.Commands;

public sealed class AuditDigestCommandTests
{
    [Fact]
    public async Task The_digest_of_a_known_value_finds_the_events_that_carried_it_masked()
    {
        var data = WardenProcess.TempFolder();
        await using (var store = SqliteAuditStore.Open(data, new SqliteAuditStoreOptions { DigestMaskedValues = true }))
        {
            using var arguments = JsonDocument.Parse("""{"user":"ann","password":"hunter2"}""");
            await store.AppendAsync(new AuditEvent
            {
                Id = "login-1",
                Timestamp = DateTimeOffset.UtcNow,
                Type = AuditEventType.ToolCall,
                AgentId = "assistant",
                SessionId = "s1",
                Tool = "login",
                Decision = DecisionKind.Allow,
                Rule = "roles.ADMIN",
                Reason = "allowed",
                MaskedArguments = SecretMasker.MaskToUtf8(arguments.RootElement, store.Digest),
            }, TestContext.Current.CancellationToken);
        }

        var digest = await WardenProcess.RunAsync("audit", "digest", "--data", data, "hunter2");
        var other = await WardenProcess.RunAsync("audit", "digest", "--data", data, "hunter3");
        var export = await WardenProcess.RunAsync("audit", "export", "--data", data, "--format", "jsonl");
        var noKey = await WardenProcess.RunAsync("audit", "digest", "--data", WardenProcess.TempFolder(), "hunter2");

        Assert.Equal(0, digest.ExitCode);
        var value = digest.Stdout.Trim();
        Assert.StartsWith("***hmac:", value, StringComparison.Ordinal);
        Assert.Contains($"\"password\":\"{value}\"", export.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", export.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(value, other.Stdout.Trim());
        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("there is no digest key", noKey.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_raises_an_anomaly_for_its_burst_of_denials_with_the_evidence()
    {
        var data = WardenProcess.TempFolder();
        var demo = await WardenProcess.RunAsync("demo", "--data", data);
        var anomalies = await WardenProcess.RunAsync("audit", "query", "--data", data, "--type", "ANOMALY", "--json");

        Assert.Equal(0, demo.ExitCode);
        Assert.Contains("Anomaly anomaly.denials: agent 'assistant' had 5 denied calls", demo.Stdout, StringComparison.Ordinal);
        var line = Assert.Single(anomalies.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        Assert.Equal("anomaly.denials", json.RootElement.GetProperty("rule").GetString());
        Assert.Equal(5, json.RootElement.GetProperty("evidence").GetProperty("count").GetInt32());
    }
}
