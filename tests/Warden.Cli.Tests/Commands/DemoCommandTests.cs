using System.Text.Json;

namespace Warden.Cli.Tests.Commands;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_json_plays_every_scenario_as_scripted_and_keeps_its_files_in_the_data_folder()
    {
        var data = WardenProcess.TempFolder();
        var run = await WardenProcess.RunAsync("demo", "--json", "--data", data);

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        using var report = JsonDocument.Parse(run.Stdout);
        var root = report.RootElement;
        var steps = root.GetProperty("scenarios").EnumerateArray()
            .SelectMany(s => s.GetProperty("steps").EnumerateArray().Select(step => (Scenario: s.GetProperty("name").GetString(), Step: step)))
            .ToList();
        Assert.All(steps, s => Assert.True(s.Step.GetProperty("as_expected").GetBoolean(), s.Step.ToString()));

        StepIn(steps, "daily-work", "send_email").AssertDecision("allow", "agents.assistant.role");
        var leak = StepIn(steps, "injected-page", "send_email");
        leak.AssertDecision("deny", "flows[0]");
        Assert.Equal("finance-review@example.com", leak.GetProperty("arguments").GetProperty("to").GetString());
        Assert.Contains("Q3 plan", leak.GetProperty("arguments").GetProperty("body").GetString());
        StepIn(steps, "least-privilege", "buy_item").AssertDecision("require-approval", "tools.buy_item.approval");
        StepIn(steps, "least-privilege", "delete_all_documents").AssertDecision("deny", "tools.unbound");
        StepIn(steps, "least-privilege", "run_script").AssertDecision("deny", "roles.assistant");
        var injection = steps.Single(s => s.Scenario == "prompt-injection").Step;
        injection.AssertDecision("deny", "input.detector.layered");

        // A loop trips the tool's circuit; repeats before it are answered from the ledger.
        var loop = steps.Where(s => s.Scenario == "loop").Select(s => s.Step).ToList();
        Assert.Equal(["agents.assistant.role", "agents.assistant.role", "agents.assistant.role", "agents.assistant.role", "breaker.loop"], loop.Select(s => s.GetProperty("rule").GetString()));

        // The agent process killed with SIGKILL: recovered with its hash checked, its last call replayed, its labels in force.
        var crash = steps.Where(s => s.Scenario == "crash-and-recover").Select(s => s.Step).ToList();
        Assert.Equal(["checkpoint", "SIGKILL", "recovery.restored", "ledger.replayed", "flows[0]"], crash.Select(s => s.GetProperty("rule").GetString()));
        Assert.Contains("exit code 137", crash[1].GetProperty("reason").GetString(), StringComparison.Ordinal);

        // Only the allowed email left the building; the purchase waits, so no order was placed.
        var sent = Directory.GetFiles(Path.Combine(data, "demo", "outbox"));
        Assert.Single(sent);
        Assert.Contains("To: bob@example.com", File.ReadAllText(sent[0]));
        Assert.False(File.Exists(Path.Combine(data, "demo", "orders.jsonl")));

        // Every decision is in the audit log, one JSON line each.
        var audit = File.ReadAllLines(Path.Combine(data, "audit.jsonl"));
        Assert.Equal(root.GetProperty("audit_events").GetInt32(), audit.Length);
        // One event per gate step, the crash scenario's agent process's own prompt and two calls, and
        // the anomaly the least-privilege scenario's burst of denials raises.
        Assert.Equal(steps.Count(s => s.Step.GetProperty("action").GetString() is "tool" or "prompt") + 3 + 1, audit.Length);
        Assert.Equal(["anomaly.denials"], root.GetProperty("anomalies").EnumerateArray().Select(a => a.GetString()!.Split(':')[0]));
        Assert.Contains(audit, line => line.Contains("\"SECURITY_VIOLATION\"", StringComparison.Ordinal) && line.Contains("flows[0]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_demos_audit_log_verifies_and_a_tampered_event_is_named()
    {
        var data = WardenProcess.TempFolder();
        Assert.Equal(0, (await WardenProcess.RunAsync("demo", "--json", "--data", data)).ExitCode);

        var intact = await WardenProcess.RunAsync("audit", "verify", "--data", data, "--public-key", Path.Combine(data, "audit-signing.pub"));
        var wrongKey = await WardenProcess.RunAsync("audit", "verify", "--data", data, "--public-key", new string('1', 64));
        var violations = await WardenProcess.RunAsync("audit", "query", "--data", data, "--type", "SECURITY_VIOLATION", "--json");
        await using (var tamper = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(data, "audit.db")};Pooling=False"))
        {
            await tamper.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = tamper.CreateCommand();
            command.CommandText = "UPDATE audit SET body = CAST(replace(CAST(body AS TEXT), 'flows[0]', 'flows[9]') AS BLOB) WHERE CAST(body AS TEXT) LIKE '%flows[0]%'";
            Assert.True(await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken) > 0);
        }

        var export = await WardenProcess.RunAsync("audit", "export", "--data", data, "--format", "jsonl");
        var broken = await WardenProcess.RunAsync("audit", "verify", "--data", data);

        Assert.Equal(0, intact.ExitCode);
        Assert.StartsWith("audit log intact: ", intact.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Contains("does not verify with the public key", wrongKey.Stdout, StringComparison.Ordinal);
        Assert.Contains("flows[0]", violations.Stdout, StringComparison.Ordinal);
        Assert.All(violations.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Contains("SECURITY_VIOLATION", line, StringComparison.Ordinal));
        Assert.Equal(0, export.ExitCode);
        var exported = export.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(File.ReadAllLines(Path.Combine(data, "audit.jsonl")).Length, exported.Length);
        Assert.Contains($"exported {exported.Length} events", export.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("it was edited after it was written", broken.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_table_output_names_the_flow_rule_and_the_audit_file()
    {
        var data = WardenProcess.TempFolder();
        var run = await WardenProcess.RunAsync("demo", "--data", data);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("flows[0]", run.Stdout);
        Assert.Contains("audit.jsonl", run.Stdout);
        Assert.Contains("Every step was decided as the script expects", run.Stdout);
    }

    [Fact]
    public async Task Demo_under_a_policy_without_the_flow_rule_reports_the_unexpected_leak_with_exit_1()
    {
        var folder = WardenProcess.TempFolder();
        var sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "policy.yaml"));
        var weakened = sample[..sample.IndexOf("flows:", StringComparison.Ordinal)];
        var policy = Path.Combine(folder, "weak.yaml");
        File.WriteAllText(policy, weakened);

        var run = await WardenProcess.RunAsync("demo", "--json", "--data", Path.Combine(folder, "data"), "--policy", policy);

        Assert.Equal(1, run.ExitCode);
        using var report = JsonDocument.Parse(run.Stdout);
        Assert.Contains(Path.Combine(folder, "data", "demo", "outbox"), Directory.GetDirectories(Path.Combine(folder, "data", "demo")));
        // Without the rule the injected page's leak goes out twice: before and after the crash.
        Assert.Equal(3, Directory.GetFiles(Path.Combine(folder, "data", "demo", "outbox")).Length);
    }

    private static JsonElement StepIn(List<(string? Scenario, JsonElement Step)> steps, string scenario, string tool) =>
        steps.Single(s => s.Scenario == scenario && s.Step.GetProperty("tool").GetString() == tool).Step;
}

internal static class StepAssertions
{
    public static void AssertDecision(this JsonElement step, string decision, string rule)
    {
        Assert.Equal(decision, step.GetProperty("decision").GetString());
        Assert.Equal(rule, step.GetProperty("rule").GetString());
    }
}
