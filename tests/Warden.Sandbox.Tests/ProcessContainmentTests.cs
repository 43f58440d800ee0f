using System.Diagnostics;
using static Warden.Sandbox.Tests.Support.Sandboxes;

namespace Warden.Sandbox.Tests;

/// <summary>Attempts on the host's processes and on the parent's secrets.</summary>
public sealed class ProcessContainmentTests
{
    [Fact]
    public async Task Host_processes_are_not_visible_in_proc()
    {
        var result = await Attempt($"ls /proc | grep -E '^[0-9]+$'; cat /proc/{Environment.ProcessId}/cmdline");

        var pids = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.All(char.IsAsciiDigit)).Select(int.Parse).ToList();
        Assert.InRange(pids.Count, 1, 8); // the sandbox's own few processes
        Assert.DoesNotContain("Warden.Sandbox.Tests", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_process_cannot_be_killed_by_pid()
    {
        using var victim = Process.Start(new ProcessStartInfo("/usr/bin/sleep", "120") { UseShellExecute = false })!;
        try
        {
            var result = await Attempt($"kill -9 {victim.Id}; echo status $?");

            Assert.Equal("status 1", result.Stdout.Trim().Split('\n')[^1]);
            Assert.False(victim.HasExited);
        }
        finally
        {
            victim.Kill();
        }
    }

    [Fact]
    public async Task A_secret_environment_variable_of_the_parent_does_not_reach_the_sandbox()
    {
        var secret = $"s3cr3t-{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable("WARDEN_TEST_SECRET", secret);
        try
        {
            var result = await Attempt("env; cat /proc/*/environ | tr '\\0' '\\n'");

            Assert.DoesNotContain(secret, result.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("WARDEN_TEST_SECRET", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("WARDEN_TEST_SECRET", null);
        }
    }

    [Fact]
    public async Task Only_allow_listed_variables_are_passed_in()
    {
        Environment.SetEnvironmentVariable("WARDEN_TEST_ALLOWED", "visible");
        Environment.SetEnvironmentVariable("WARDEN_TEST_OTHER", "hidden");
        try
        {
            var profile = Policies.SandboxProfile.Default with { Environment = ["WARDEN_TEST_ALLOWED"] };
            var result = await Attempt("env | sort", profile);

            var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains("WARDEN_TEST_ALLOWED=visible", lines);
            Assert.DoesNotContain(lines, l => l.StartsWith("WARDEN_TEST_OTHER", StringComparison.Ordinal));
            Assert.Equal(["HOME", "LANG", "PATH", "PWD", "TMPDIR", "WARDEN_TEST_ALLOWED"], lines.Select(l => l.Split('=')[0]).Where(n => n != "_").Order(StringComparer.Ordinal).ToArray());
        }
        finally
        {
            Environment.SetEnvironmentVariable("WARDEN_TEST_ALLOWED", null);
            Environment.SetEnvironmentVariable("WARDEN_TEST_OTHER", null);
        }
    }

    [Fact]
    public async Task The_hostname_is_the_sandboxs_own_and_cannot_be_changed()
    {
        var before = System.Net.Dns.GetHostName();

        var result = await Attempt("hostname; hostname evil 2>&1; hostname");

        Assert.Equal("sandbox", result.Stdout.Split('\n')[0]);
        Assert.Equal(before, System.Net.Dns.GetHostName());
    }
}
