using System.Text;
using Warden.Policies;
using Warden.Sandbox.Native;
using static Warden.Sandbox.Tests.Support.Sandboxes;

namespace Warden.Sandbox.Tests;

/// <summary>Escapes an independent review found, each closed and kept closed.</summary>
public sealed class ReviewHardeningTests
{
    [Fact]
    public async Task Descriptors_warden_holds_without_close_on_exec_do_not_reach_the_sandbox()
    {
        var (read, write) = LibC.Pipe(inheritedEnd: 1); // the write end is inheritable, as a supervisor's pipe would be
        try
        {
            var result = await Attempt("ls /proc/self/fd/");

            // 0-2 are the sandbox's stdin, stdout and stderr; 3 is the folder ls itself is reading.
            Assert.Equal(["0", "1", "2", "3"], result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        }
        finally
        {
            LibC.close(read);
            LibC.close(write);
        }
    }

    [Fact]
    public async Task Allow_listed_environment_values_are_not_on_bubblewraps_command_line()
    {
        var secret = $"token-{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable("WARDEN_TEST_TOKEN", secret);
        try
        {
            var profile = SandboxProfile.Default with { Environment = ["WARDEN_TEST_TOKEN"] };
            await using var running = Executor.Start(new SandboxRequest(["/bin/sh", "-c", "echo $WARDEN_TEST_TOKEN; sleep 30"], profile));
            var cmdline = Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{running.Id}/cmdline"));
            var buffer = new byte[secret.Length];
            await running.Output.ReadExactlyAsync(buffer, Ct);

            Assert.Equal(secret, Encoding.UTF8.GetString(buffer)); // it does reach the sandbox
            Assert.DoesNotContain(secret, cmdline, StringComparison.Ordinal);
            Assert.DoesNotContain("WARDEN_TEST_TOKEN", cmdline.Replace("echo $WARDEN_TEST_TOKEN", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.StartsWith("/usr/bin/bwrap\0--args\0", cmdline, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("WARDEN_TEST_TOKEN", null);
        }
    }

    [Fact]
    public async Task A_sandbox_outlives_the_thread_that_asked_for_it()
    {
        SandboxedProcess? running = null;
        var thread = new Thread(() => running = Executor.Start(new SandboxRequest(["/usr/bin/sleep", "30"], SandboxProfile.Default)));
        thread.Start();
        thread.Join();
        try
        {
            await Task.Delay(1500, Ct);

            Assert.False(running!.HasExited);
        }
        finally
        {
            await running!.DisposeAsync();
        }
    }
}
