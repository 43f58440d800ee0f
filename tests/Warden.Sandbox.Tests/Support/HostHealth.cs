using System.Diagnostics;

namespace Warden.Sandbox.Tests.Support;

/// <summary>Checks that the host is unharmed after a sandboxed attempt: nothing left running, processes still start.</summary>
internal static class HostHealth
{
    /// <summary>Command lines of host processes that contain <paramref name="marker"/>.</summary>
    public static List<string> ProcessesWith(string marker)
    {
        var found = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(marker, StringComparison.Ordinal))
                {
                    found.Add($"{pid}: {cmdline}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // the process ended while we looked
            }
        }

        return found;
    }

    /// <summary>Asserts that no sandboxed process is left and that the host can still start a process.</summary>
    public static void AssertHealthy(string marker)
    {
        var leftovers = ProcessesWith(marker);
        for (var i = 0; i < 50 && leftovers.Count > 0; i++)
        {
            Thread.Sleep(20); // the kernel may still be reaping a killed tree
            leftovers = ProcessesWith(marker);
        }

        Assert.True(leftovers.Count == 0, $"left running on the host: {string.Join("; ", leftovers)}");
        using var probe = Process.Start(new ProcessStartInfo("/usr/bin/true") { UseShellExecute = false })!;
        Assert.True(probe.WaitForExit(5000), "the host could not run /usr/bin/true within 5 s");
        Assert.Equal(0, probe.ExitCode);
        // Empty cgroups are kept for reuse (with a spawner thread of this process inside); none may hold another process.
        var busyGroups = Directory.Exists("/sys/fs/cgroup/memory/warden")
            ? Directory.GetDirectories("/sys/fs/cgroup/memory/warden", $"run-{Environment.ProcessId}-*")
                .Where(g => File.ReadAllLines(Path.Combine(g, "cgroup.procs")).Any(p => p.Trim() != Environment.ProcessId.ToString())).ToList()
            : [];
        Assert.True(busyGroups.Count == 0, $"cgroups still holding processes: {string.Join(", ", busyGroups)}");
    }
}
