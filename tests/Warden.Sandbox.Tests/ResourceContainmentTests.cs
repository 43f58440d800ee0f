using Warden.Policies;
using Warden.Sandbox.Tests.Support;
using static Warden.Sandbox.Tests.Support.Sandboxes;

namespace Warden.Sandbox.Tests;

/// <summary>Attempts to exhaust the host: processes, memory, CPU, output, time.</summary>
public sealed class ResourceContainmentTests
{
    [Fact]
    public async Task A_fork_bomb_hits_the_process_limit_and_dies_with_its_sandbox()
    {
        var profile = SandboxProfile.Default with { Processes = 32 };

        var result = await Attempt("bomb() { bomb | bomb & }; bomb; sleep 3", profile, timeout: TimeSpan.FromSeconds(3));

        Assert.True(result.Stderr.Contains("fork", StringComparison.OrdinalIgnoreCase) || result.Stderr.Contains("Resource temporarily unavailable", StringComparison.Ordinal) || result.ProcessLimitHits > 0,
            $"no sign that forks were refused: {result.Stderr[..Math.Min(300, result.Stderr.Length)]}");
        if (CgroupsWritable)
        {
            Assert.True(result.ProcessLimitHits > 0);
        }
    }

    [Fact]
    public async Task A_memory_bomb_is_killed_at_the_memory_limit()
    {
        var profile = SandboxProfile.Default with { MemoryBytes = 96L * 1024 * 1024 };

        var result = await Python("""
            hoard = []
            while True:
                hoard.append(bytearray(8 * 1024 * 1024))
            """, profile);

        Assert.NotEqual(0, result.ExitCode);
        if (CgroupsWritable)
        {
            Assert.Equal(SandboxLimit.Memory, result.Limit);
            Assert.Equal(9, result.Signal);
            Assert.Contains("the memory limit (96 MiB) was reached", result.Describe(profile, null), StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("MemoryError", result.Stderr, StringComparison.Ordinal); // the address-space limit
        }
    }

    [Fact]
    public async Task A_cpu_spin_is_stopped_by_SIGXCPU()
    {
        var profile = SandboxProfile.Default with { Cpu = TimeSpan.FromSeconds(1) };

        var result = await Attempt("while :; do :; done", profile, timeout: TimeSpan.FromSeconds(15));

        Assert.Equal(SandboxLimit.Cpu, result.Limit);
        Assert.Equal(24, result.Signal);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal("killed by SIGXCPU: the CPU limit (1 s) was reached", result.Describe(profile, null));
    }

    [Fact]
    public async Task Endless_output_is_cut_at_the_cap_and_the_run_ends_at_the_timeout()
    {
        var profile = SandboxProfile.Default with { OutputBytes = 64 * 1024 };

        var result = await Attempt("yes warden", profile, timeout: TimeSpan.FromSeconds(1));

        Assert.Equal(SandboxLimit.WallClock, result.Limit);
        Assert.True(result.StdoutDropped > 0);
        Assert.EndsWith("more bytes dropped]", result.Stdout, StringComparison.Ordinal);
        Assert.True(result.Stdout.Length < (64 * 1024) + 200);
        Assert.StartsWith("timed out: the wall-clock timeout (1 s) passed", result.Describe(profile, TimeSpan.FromSeconds(1)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sleeping_command_is_killed_with_its_whole_tree_at_the_timeout()
    {
        var result = await Attempt("sleep 617 & sleep 617 & sleep 617", timeout: TimeSpan.FromMilliseconds(500));

        Assert.Equal(SandboxLimit.WallClock, result.Limit);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Empty(HostHealth.ProcessesWith("sleep 617"));
    }

    [Fact]
    public async Task A_grandchild_left_running_after_the_command_exits_is_killed()
    {
        var result = await Attempt("(sleep 4242 &) ; setsid sleep 4243 & nohup sleep 4244 >/dev/null 2>&1 & echo started");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("started", result.Stdout.Trim());
        Assert.Empty(HostHealth.ProcessesWith("sleep 424"));
    }

    [Fact]
    public async Task Open_files_are_limited()
    {
        var profile = SandboxProfile.Default with { OpenFiles = 32 };

        var result = await Python("""
            import os
            fds = []
            try:
                while True:
                    fds.append(os.open("/dev/null", os.O_RDONLY))
            except OSError as e:
                print(len(fds), e.strerror)
            """, profile);

        var parts = result.Stdout.Trim().Split(' ', 2);
        Assert.True(int.Parse(parts[0]) < 32);
        Assert.Equal("Too many open files", parts[1]);
    }

    private static bool CgroupsWritable => Directory.Exists("/sys/fs/cgroup/memory/warden") || File.Exists("/sys/fs/cgroup/warden/memory.max");
}
