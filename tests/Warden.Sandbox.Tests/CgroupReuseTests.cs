using System.Diagnostics;
using Warden.Sandbox.Cgroups;

namespace Warden.Sandbox.Tests;

/// <summary>When a pooled cgroup may serve the next sandbox.</summary>
public sealed class CgroupReuseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cgroup_whose_exited_process_is_still_counted_is_not_taken_for_empty()
    {
        using var group = ProcessCgroup.TryCreate() ?? throw new InvalidOperationException($"no cgroup here: {SandboxExecutor.CgroupDescription}");
        Assert.True(group.TrySetLimits(64L << 20, 8), group.LastError);
        Assert.True(group.CountsProcesses, "the machine's cgroups count processes");

        // The shell starts a child, then becomes a long sleep that never reaps it: the child, moved
        // into the cgroup and killed there, stays a zombie, counted but not listed.
        using var parent = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "sleep 60 & echo $!; exec sleep 60"]) { RedirectStandardOutput = true })!;
        try
        {
            var child = int.Parse((await parent.StandardOutput.ReadLineAsync(Ct))!, System.Globalization.CultureInfo.InvariantCulture);
            group.Add(child);
            Warden.Sandbox.Native.LibC.kill(child, 9);
            while (File.Exists($"/proc/{child}/status") && !File.ReadAllText($"/proc/{child}/status").Contains("State:\tZ", StringComparison.Ordinal))
            {
                await Task.Delay(20, Ct);
            }

            Assert.True(File.Exists($"/proc/{child}/status"), "the child was reaped before the check");
            Assert.False(group.IsEmpty, $"counted: {group.CountedProcesses}");
        }
        finally
        {
            parent.Kill();
            await parent.WaitForExitAsync(Ct);
        }

        // Reparented and reaped by the machine's init once its parent is gone.
        for (var attempt = 0; attempt < 250 && !group.IsEmpty; attempt++)
        {
            await Task.Delay(20, Ct);
        }

        Assert.True(group.IsEmpty, $"counted: {group.CountedProcesses}");
    }
}
