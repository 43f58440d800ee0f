using System.Text.Json;

namespace Warden.Cli.Tests.Commands;

public sealed class PolicyCommandTests
{
    private static string SamplePolicy => Path.Combine(AppContext.BaseDirectory, "samples", "policy.yaml");

    [Fact]
    public async Task Validate_accepts_the_sample_policy()
    {
        var run = await WardenProcess.RunAsync("policy", "validate", SamplePolicy);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("valid", run.Stdout);
    }

    [Fact]
    public async Task Validate_lists_every_error_with_line_and_column_and_exits_1()
    {
        var path = Path.Combine(WardenProcess.TempFolder(), "bad.yaml");
        File.WriteAllText(path, """
            roles:
              ops: { inherits: READER, capabilities: [rockets.launch] }
            tools:
              fetch: { capability: internet.browse, timeout: soon }
            """);

        var run = await WardenProcess.RunAsync("policy", "validate", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{path}:2:43: error: unknown capability 'rockets.launch'", run.Stderr);
        Assert.Contains($"{path}:4:50: error: 'soon' is not a duration", run.Stderr);
        Assert.Contains("2 error(s)", run.Stderr);
    }

    [Fact]
    public async Task Validate_of_a_missing_file_is_bad_input()
    {
        var run = await WardenProcess.RunAsync("policy", "validate", "/nonexistent/policy.yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("does not exist", run.Stderr);
    }

    [Fact]
    public async Task Explain_prints_each_stage_and_the_flow_rule_that_denies()
    {
        var run = await WardenProcess.RunAsync(
            "policy", "explain", "--policy", SamplePolicy, "--agent", "assistant", "--tool", "send_email",
            "--args", """{"to":"x@example.com","subject":"s","body":"b"}""", "--labels", "untrusted", "private", "--json");

        Assert.Equal(1, run.ExitCode);
        using var report = JsonDocument.Parse(run.Stdout);
        Assert.Equal("deny", report.RootElement.GetProperty("decision").GetString());
        Assert.Equal("flows[0]", report.RootElement.GetProperty("rule").GetString());
        var stages = report.RootElement.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()).ToList();
        Assert.Equal(["checkpoint", "circuit-breaker", "argument-sanitation", "input-inspection", "authorization", "data-flow"], stages);
    }

    [Fact]
    public async Task Explain_of_an_allowed_call_runs_nothing_and_exits_0()
    {
        var run = await WardenProcess.RunAsync(
            "policy", "explain", "--policy", SamplePolicy, "--agent", "assistant", "--tool", "read_document", "--args", """{"name":"q3-plan.md"}""");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("not run", run.Stdout);
        Assert.Contains("agents.assistant.role", run.Stdout);
    }

    [Fact]
    public async Task Explain_gives_unknown_agents_the_default_role_only()
    {
        var run = await WardenProcess.RunAsync(
            "policy", "explain", "--policy", SamplePolicy, "--agent", "stranger", "--tool", "fetch_url", "--args", """{"url":"https://a.example/"}""", "--json");

        Assert.Equal(1, run.ExitCode);
        using var report = JsonDocument.Parse(run.Stdout);
        Assert.Equal("roles.READER", report.RootElement.GetProperty("rule").GetString());
    }

    [Theory]
    [InlineData("policy", "explain", "--policy", "samples/policy.yaml", "--agent", "a", "--tool", "t", "--args", "{not json")]
    [InlineData("policy", "explain", "--agent", "a")]
    [InlineData("no-such-command")]
    public async Task Bad_usage_exits_2_with_a_message(params string[] args)
    {
        var resolved = args.Select(a => a == "samples/policy.yaml" ? SamplePolicy : a).ToArray();
        var run = await WardenProcess.RunAsync(resolved);

        Assert.Equal(2, run.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(run.Stderr));
    }
}
