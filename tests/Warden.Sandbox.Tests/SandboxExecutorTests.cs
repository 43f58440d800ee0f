using System.Text;
using Warden.Policies;
using static Warden.Sandbox.Tests.Support.Sandboxes;

namespace Warden.Sandbox.Tests;

public sealed class SandboxExecutorTests
{
    [Fact]
    public async Task Stdin_goes_in_and_stdout_stderr_and_the_exit_code_come_out()
    {
        var request = new SandboxRequest(["/bin/sh", "-c", "cat; echo oops >&2; exit 3"], SandboxProfile.Default)
        {
            Stdin = Encoding.UTF8.GetBytes("{\"x\": 1}"),
            Timeout = TimeSpan.FromSeconds(10),
        };

        var result = await Executor.RunAsync(request, Ct);

        Assert.Equal((3, "{\"x\": 1}", "oops\n", SandboxLimit.None), (result.ExitCode, result.Stdout, result.Stderr, result.Limit));
        Assert.Null(result.Signal);
        Assert.False(result.Succeeded);
        Assert.Equal("exited with code 3", result.Describe(SandboxProfile.Default, null));
    }

    [Fact]
    public async Task A_long_lived_process_talks_over_its_pipes_and_dies_when_disposed()
    {
        var marker = $"warden-cat-{Guid.NewGuid():N}";
        var process = Executor.Start(new SandboxRequest(["/bin/sh", "-c", $": {marker}; exec cat"], SandboxProfile.Default));
        try
        {
            await process.Input.WriteAsync("hello\n"u8.ToArray(), Ct);
            await process.Input.FlushAsync(Ct);
            var buffer = new byte[6];
            await process.Output.ReadExactlyAsync(buffer, Ct);
            Assert.Equal("hello\n", Encoding.UTF8.GetString(buffer));
            Assert.False(process.HasExited);
        }
        finally
        {
            await process.DisposeAsync();
        }

        Support.HostHealth.AssertHealthy(marker);
    }

    [Fact]
    public async Task Cancelling_the_caller_kills_the_tree_and_throws()
    {
        var marker = $"warden-cancel-{Guid.NewGuid():N}";
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Executor.RunAsync(new SandboxRequest(["/bin/sh", "-c", $": {marker}; sleep 600"], SandboxProfile.Default), cancel.Token));

        Support.HostHealth.AssertHealthy(marker);
    }

    [Fact]
    public void Without_bubblewrap_the_executor_says_what_is_missing_and_refuses_to_start()
    {
        var executor = new SandboxExecutor(new SandboxExecutorOptions { BubblewrapPath = "/nonexistent/bwrap" });

        Assert.Equal("bubblewrap is not installed: no 'bwrap' on PATH or in /usr/bin (apt-get install bubblewrap)", executor.Unavailable);
        var error = Assert.Throws<SandboxUnavailableException>(() => executor.Start(new SandboxRequest(["/bin/true"], SandboxProfile.Default)));
        Assert.Equal(executor.Unavailable, error.Message);
    }

    [Fact]
    public async Task A_missing_program_fails_and_says_so_on_stderr()
    {
        var result = await Run(["/no/such/program"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("/no/such/program: No such file or directory", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limits_set_by_util_linux_prlimit_inside_hold_as_well()
    {
        var executor = new SandboxExecutor(new SandboxExecutorOptions { LimiterThread = false });
        var profile = SandboxProfile.Default with { OpenFiles = 40, Processes = 20, Cpu = TimeSpan.FromSeconds(3) };

        var result = await executor.RunAsync(new SandboxRequest(["/bin/sh", "-c", "ulimit -n; ulimit -p; ulimit -t"], profile) { Timeout = TimeSpan.FromSeconds(10) }, Ct);

        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(("40", "3"), (lines[0], lines[2]));
        Assert.InRange(int.Parse(lines[1]), 21, 22); // + the sandbox's pid 1 (+ 1 more where a pids cgroup refuses first)
    }

    [Fact]
    public void The_executor_says_how_it_sets_the_limits()
    {
        Assert.Contains("prlimit", Executor.LimitsMethod, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workspace_profile_without_a_folder_is_refused_before_anything_runs()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Executor.Start(new SandboxRequest(["/bin/true"], SandboxProfile.Default with { Workspace = "rw" }) { Workspace = "/nonexistent/ws" }));

        Assert.Contains("binds a workspace (rw) and the folder '/nonexistent/ws' does not exist", error.Message, StringComparison.Ordinal);
    }
}
