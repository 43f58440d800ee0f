using System.Text.Json;

namespace Warden.Cli.Tests.Commands;

public sealed class PolicyReplayCommandTests
{
    [Fact]
    public async Task Replaying_the_demos_calls_names_the_decisions_a_candidate_policy_would_change()
    {
        var folder = WardenProcess.TempFolder();
        var data = Path.Combine(folder, "data");
        var sample = Path.Combine(AppContext.BaseDirectory, "samples", "policy.yaml");
        var loose = Path.Combine(folder, "no-flows.yaml");
        File.WriteAllLines(loose, File.ReadAllLines(sample).Where(l => !l.StartsWith("  - { when:", StringComparison.Ordinal)).Select(l => l == "flows:" ? "flows: []" : l));
        Assert.Equal(0, (await WardenProcess.RunAsync("demo", "--data", data)).ExitCode);

        var same = await WardenProcess.RunAsync("policy", "replay", "--policy", sample, "--data", data);
        var changed = await WardenProcess.RunAsync("policy", "replay", "--policy", loose, "--data", data, "--json");
        var noLog = await WardenProcess.RunAsync("policy", "replay", "--policy", sample, "--data", Path.Combine(folder, "empty"));

        Assert.Equal(0, same.ExitCode);
        Assert.Contains("0 decisions would change", same.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, changed.ExitCode);
        var lines = changed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var changes = lines[..^1];
        Assert.NotEmpty(changes);
        Assert.All(changes, c => Assert.Equal(("send_email", "flows[0]"), (c.GetProperty("tool").GetString(), c.GetProperty("was_rule").GetString())));
        Assert.Equal(changes.Count, lines[^1].GetProperty("changed").GetInt32());
        Assert.Equal(2, noLog.ExitCode);
    }
}
