using System.Diagnostics;
using static Warden.Sandbox.Tests.Support.Sandboxes;

namespace Warden.Sandbox.Tests;

/// <summary>Attempts through the kernel's interfaces: the seccomp filter, capabilities, namespaces.</summary>
public sealed class KernelContainmentTests
{
    /// <summary>System call numbers by machine, for calls glibc has no wrapper for.</summary>
    private const string Numbers = """
        import os
        N = {"x86_64": {"keyctl": 250, "add_key": 248, "bpf": 321, "perf_event_open": 298, "kexec_load": 246, "io_uring_setup": 425},
             "aarch64": {"keyctl": 219, "add_key": 217, "bpf": 280, "perf_event_open": 241, "kexec_load": 104, "io_uring_setup": 425}}[os.uname().machine]

        """;

    [Theory]
    [InlineData("ptrace (PTRACE_TRACEME)", "libc.ptrace(0, 0, None, None)")]
    [InlineData("ptrace (attach to pid 1)", "libc.ptrace(16, 1, None, None)")]
    [InlineData("mount", "libc.mount(b'none', b'/tmp', b'tmpfs', 0, None)")]
    [InlineData("umount", "libc.umount2(b'/proc', 2)")]
    [InlineData("unshare (new user namespace)", "libc.unshare(0x10000000)")]
    [InlineData("keyctl", "libc.syscall(N['keyctl'], 0, -3, 0, 0, 0)")]
    [InlineData("add_key", "libc.syscall(N['add_key'], b'user', b'k', b'v', 1, -3)")]
    [InlineData("bpf", "libc.syscall(N['bpf'], 0, None, 0)")]
    [InlineData("perf_event_open", "libc.syscall(N['perf_event_open'], None, 0, -1, -1, 0)")]
    [InlineData("kexec_load", "libc.syscall(N['kexec_load'], 0, 0, None, 0)")]
    [InlineData("io_uring_setup", "libc.syscall(N['io_uring_setup'], 8, None)")]
    public async Task A_blocked_system_call_fails_with_EPERM(string what, string call)
    {
        var result = await Python(Numbers + Syscall(call));

        Assert.True(result.Stdout.Trim() == "Operation not permitted", $"{what}: {result.Stdout}{result.Stderr}");
    }

    [Fact]
    public async Task Calls_the_filter_blocks_work_on_the_host_so_the_filter_is_what_stops_them()
    {
        var code = Numbers + Syscall("libc.syscall(N['keyctl'], 0, -3, 0, 0, 0)");
        using var host = Process.Start(new ProcessStartInfo("/usr/bin/python3") { ArgumentList = { "-c", code }, RedirectStandardOutput = true, UseShellExecute = false })!;
        var onHost = (await host.StandardOutput.ReadToEndAsync(Ct)).Trim();
        await host.WaitForExitAsync(Ct);

        var inside = await Python(code);

        Assert.Equal("ok", onHost);
        Assert.Equal("Operation not permitted", inside.Stdout.Trim());
    }

    [Fact]
    public async Task The_process_has_no_capabilities_no_new_privileges_and_a_seccomp_filter()
    {
        var result = await Attempt("grep -E '^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs|Seccomp):' /proc/self/status");

        var status = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':', 2)).ToDictionary(p => p[0], p => p[1].Trim());
        Assert.All(new[] { "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb" }, c => Assert.Equal("0000000000000000", status[c]));
        Assert.Equal("1", status["NoNewPrivs"]);
        Assert.Equal("2", status["Seccomp"]);
    }

    [Fact]
    public async Task The_sandbox_runs_as_an_unprivileged_user_on_the_host()
    {
        var result = await Attempt("id -u");
        await using var running = Executor.Start(new SandboxRequest(["/usr/bin/sleep", "30"], Policies.SandboxProfile.Default));
        var hostUid = File.ReadAllLines($"/proc/{running.Id}/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];

        Assert.NotEqual("0", result.Stdout.Trim());
        Assert.Equal(Executor.User.UserId.ToString(), hostUid);
        if (Environment.UserName == "root")
        {
            Assert.Equal("65534", hostUid); // nobody: root would be exempt from the process limit
        }
    }
}
