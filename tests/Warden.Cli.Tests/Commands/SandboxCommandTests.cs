using System.Text.Json;

namespace Warden.Cli.Tests.Commands;

public sealed class SandboxCommandTests
{
    private static string SamplePolicy => Path.Combine(AppContext.BaseDirectory, "samples", "policy.yaml");

    [Fact]
    public async Task Exec_passes_the_output_through_and_says_how_the_command_ended()
    {
        var run = await WardenProcess.RunAsync("sandbox", "exec", "--", "/bin/sh", "-c", "echo hello from $(hostname); echo warn >&2");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("hello from sandbox\n", run.Stdout);
        Assert.StartsWith("warn\nwarden: exited with code 0 after ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("(profile 'default')", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_names_the_timeout_and_exits_1()
    {
        var run = await WardenProcess.RunAsync("sandbox", "exec", "--timeout", "300ms", "--", "/bin/sh", "-c", "sleep 600");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("warden: timed out: the wall-clock timeout (0.3 s) passed and the process tree was killed", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_with_a_policy_profile_binds_the_given_workspace_and_reports_json()
    {
        var workspace = WardenProcess.TempFolder();
        File.WriteAllText(Path.Combine(workspace, "in.txt"), "given");
        if (Environment.UserName == "root" && OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(workspace, (UnixFileMode)0b111_111_111); // the sandbox runs as nobody
        }

        var run = await WardenProcess.RunAsync("sandbox", "exec", "--policy", SamplePolicy, "--profile", "scripts", "--workspace", workspace, "--json",
            "--", "/bin/sh", "-c", "cat in.txt; echo made > out.txt; exit 4");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(4, json.RootElement.GetProperty("exit_code").GetInt32());
        Assert.Equal("exited with code 4", json.RootElement.GetProperty("reason").GetString());
        Assert.Equal("given", json.RootElement.GetProperty("stdout").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("limit").ValueKind);
        Assert.Equal("made\n", File.ReadAllText(Path.Combine(workspace, "out.txt")));
    }

    [Fact]
    public async Task Exec_json_names_the_limit_that_ended_the_run()
    {
        var run = await WardenProcess.RunAsync("sandbox", "exec", "--json", "--timeout", "200ms", "--", "/bin/sh", "-c", "sleep 60");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("wall_clock", json.RootElement.GetProperty("limit").GetString());
        Assert.Equal("SIGKILL", json.RootElement.GetProperty("signal").GetString());
    }

    [Fact]
    public async Task Exec_with_an_unknown_profile_lists_the_known_ones_and_exits_2()
    {
        var run = await WardenProcess.RunAsync("sandbox", "exec", "--policy", SamplePolicy, "--profile", "nope", "--", "/bin/true");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown sandbox profile 'nope': the policy defines default, scripts", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_says_the_sandbox_is_available_and_what_bounds_memory()
    {
        var run = await WardenProcess.RunAsync("sandbox", "check");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("sandbox: available\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("limits: rlimits", run.Stdout, StringComparison.Ordinal);
    }
}
