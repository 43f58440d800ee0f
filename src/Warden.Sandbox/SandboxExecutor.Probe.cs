using System.Diagnostics;
using Warden.Sandbox.Seccomp;

namespace Warden.Sandbox;

/// <summary>Finds bubblewrap and checks, once, that a sandbox can be made here.</summary>
public sealed partial class SandboxExecutor
{
    private static string? FindBubblewrap()
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin");
        return folders.Select(f => Path.Combine(f, "bwrap")).FirstOrDefault(File.Exists);
    }

    private string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "sandboxes need Linux (bubblewrap and user namespaces)";
        }

        if (_bubblewrap is null || !File.Exists(_bubblewrap))
        {
            return "bubblewrap is not installed: no 'bwrap' on PATH or in /usr/bin (apt-get install bubblewrap)";
        }

        if (ReadNumber("/proc/sys/user/max_user_namespaces") == 0)
        {
            return "user namespaces are disabled (sysctl user.max_user_namespaces = 0)";
        }

        if (SeccompFilter.Unavailable() is { } seccomp)
        {
            return seccomp;
        }

        // The real test: make a sandbox with the namespaces every run uses.
        var start = BubblewrapStart();
        foreach (var argument in BubblewrapArguments.SystemLayout(Policies.SandboxProfile.Default).Append("--").Append("/usr/bin/true"))
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            Process process;
            lock (SpawnLock)
            {
                Native.LibC.CloseOnExecFromThree();
                process = Process.Start(start)!;
            }

            using var started = process;
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(10_000))
            {
                process.Kill(true);
                return "bubblewrap did not start a sandbox within 10 s";
            }

            return process.ExitCode == 0
                ? null
                : $"bubblewrap cannot create a sandbox here (user namespaces unavailable to {User.Name ?? "this user"}?): {error.Result.Trim()}";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return $"bubblewrap could not be started: {e.Message}";
        }
    }

    private static long? ReadNumber(string file)
    {
        try
        {
            return long.TryParse(File.ReadAllText(file).Trim(), out var value) ? value : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
