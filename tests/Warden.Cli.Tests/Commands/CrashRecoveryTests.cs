using System.Text.Json;
using Warden.Policies;
using Warden.Resilience.Checkpoints;
using Warden.Resilience.Ledger;
using Warden.Storage.Sqlite;
using Warden.Tools;

namespace Warden.Cli.Tests.Commands;

/// <summary>A real agent process killed with SIGKILL mid-session, and the session restored from the same data folder.</summary>
public sealed class CrashRecoveryTests
{
    private static string SamplePolicy => Path.Combine(AppContext.BaseDirectory, "samples", "policy.yaml");

    [Fact]
    public async Task After_kill_minus_9_the_session_comes_back_with_its_counters_labels_ledger_and_a_verified_hash()
    {
        var data = WardenProcess.TempFolder();
        const string session = "crash-test";
        JsonElement before;
        using (var agent = WardenProcess.Start("demo-agent", "--data", data, "--session", session))
        {
            var line = await agent.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            if (string.IsNullOrEmpty(line))
            {
                agent.Kill();
                Assert.Fail($"the agent process reported nothing: {await agent.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken)}");
            }

            before = JsonDocument.Parse(line).RootElement.Clone();
            agent.Kill(); // SIGKILL
            await agent.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(137, agent.ExitCode);
        }

        var (stores, database) = SqliteStores.Open(data);
        await using (database)
        {
            var policy = PolicyLoader.LoadFile(SamplePolicy).GetPolicyOrThrow();
            var gate = GateBuilder.CreateDefault(new StaticPolicySource(policy), ToolCatalog.Empty, resilience: stores).Build();

            var recovery = await gate.RecoverSessionAsync(session, TestContext.Current.CancellationToken);

            Assert.Equal(RecoveryStatus.Restored, recovery.Status);
            var restored = recovery.Session!;
            Assert.Equal(before.GetProperty("turns").GetInt32(), restored.Turns);
            Assert.Equal(before.GetProperty("tool_calls").GetInt32(), restored.ToolCalls);
            Assert.Equal(before.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!), restored.Labels);
            Assert.Equal(["injected", "private", "untrusted"], restored.Labels);
            Assert.Equal(before.GetProperty("state_hash").GetString(), recovery.Checkpoint!.StateHash);
            Assert.Equal(CheckpointSerializer.ComputeHash(recovery.Checkpoint), recovery.Checkpoint.StateHash);

            var lastCall = ToolCall.Create("fetch_url", """{"url":"https://competitor.example/pricing"}""", session, new Principal("assistant"));
            var entry = await stores.Ledger.FindAsync(IdempotencyKeys.For(lastCall, restored.Turns, restored.Epoch), TestContext.Current.CancellationToken);
            Assert.Equal(ToolStatus.Succeeded, entry!.Outcome!.Status);
            Assert.Contains("Competitor pricing", entry.Outcome.Output, StringComparison.Ordinal);

            // The restored gate has no tools at all: the repeated call can only be answered from the ledger.
            var replay = await gate.InvokeAsync(lastCall, TestContext.Current.CancellationToken);
            Assert.True(replay.Succeeded);
            Assert.Contains(replay.Trail, t => t.Decision.Rule == "ledger.replayed");
        }
    }
}
