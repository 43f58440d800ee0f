using System.Diagnostics;
using System.Runtime.InteropServices;
using Warden.Sandbox.Cgroups;
using Warden.Sandbox.Native;
using Warden.Sandbox.Seccomp;

namespace Warden.Sandbox;

/// <summary>
/// Runs commands in bubblewrap sandboxes (see <see cref="BubblewrapArguments"/> for what a sandbox
/// holds). bubblewrap is started blocked: once its namespaces exist Warden moves the sandbox's first
/// process into a memory/pids cgroup and sets its rlimits (<see cref="ResourceLimits"/>), and only
/// then lets it run the command, so that no part of the command runs unlimited.
/// </summary>
public sealed partial class SandboxExecutor
{
    /// <summary>Serialises the few microseconds in which inheritable descriptors exist, so that no other sandbox inherits them.</summary>
    private static readonly Lock SpawnLock = new();

    /// <summary>The long-lived thread that starts sandboxes outside any cgroup.</summary>
    private static readonly Lazy<CgroupThread> SpawnerThread = new(() => new CgroupThread([]));

    private readonly Lazy<string?> _unavailable;
    private readonly string? _bubblewrap;
    private readonly bool _limitsFromOutside;
    private readonly LimiterThread? _limiter;

    /// <summary>An executor with <paramref name="options"/> (defaults when null).</summary>
    public SandboxExecutor(SandboxExecutorOptions? options = null)
    {
        options ??= new SandboxExecutorOptions();
        TimeProvider = options.TimeProvider;
        _bubblewrap = options.BubblewrapPath ?? FindBubblewrap();
        User = options.User ?? (OperatingSystem.IsLinux() ? SandboxUser.ForCurrentProcess() : new SandboxUser(null, 0, 0));
        _unavailable = new Lazy<string?>(Probe);
        _limitsFromOutside = OperatingSystem.IsLinux() && ResourceLimits.CanSetFromOutside(User);
        _limiter = OperatingSystem.IsLinux() && !_limitsFromOutside && options.LimiterThread ? LimiterThread.TryCreate(User) : null;
    }

    /// <summary>How the rlimits are set: from outside with prlimit(2), from a thread acting as the sandbox account, or by util-linux's prlimit inside.</summary>
    public string LimitsMethod => _limitsFromOutside ? "prlimit(2) from Warden" : _limiter is not null ? $"prlimit(2) from a thread acting as {User.Name}" : "util-linux prlimit inside the sandbox";

    /// <summary>The account sandboxed processes run as.</summary>
    public SandboxUser User { get; }

    /// <summary>The clock of timeouts.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Null when sandboxes can run here; otherwise what is missing (checked once, by starting a sandbox).</summary>
    public string? Unavailable => _unavailable.Value;

    /// <summary>What limits memory and processes on this machine, in words.</summary>
    public static string CgroupDescription => CgroupHierarchy.Description;

    /// <summary>Starts <paramref name="request"/>'s command in a sandbox and returns once its limits are in force.</summary>
    /// <exception cref="SandboxUnavailableException">The sandbox cannot run here or bubblewrap failed to set it up.</exception>
    public SandboxedProcess Start(SandboxRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Command.Count == 0 || string.IsNullOrEmpty(request.Command[0]))
        {
            throw new ArgumentException("the command is empty", nameof(request));
        }

        if (request.Profile.Workspace != "none" && (request.Workspace is null || !Directory.Exists(request.Workspace)))
        {
            throw new ArgumentException($"sandbox profile '{request.Profile.Name}' binds a workspace ({request.Profile.Workspace}) and the folder '{request.Workspace}' does not exist", nameof(request));
        }

        if (Unavailable is { } missing)
        {
            throw new SandboxUnavailableException(missing);
        }

        var cgroup = CgroupPool.Rent(request.Profile.MemoryBytes, request.Profile.Processes);
        var started = TimeProvider.GetTimestamp();
        Process? process = null;
        var infoRead = -1;
        var blockWrite = -1;
        var childPid = 0;
        try
        {
            var counted = cgroup?.CountsProcesses ?? false;
            var limited = _limitsFromOutside || _limiter is not null ? request : request with { Command = [.. ResourceLimits.Prefix(request.Profile, cgroupHoldsMemory: cgroup is not null, counted), .. request.Command] };

            // bubblewrap dies with the thread that started it (--die-with-parent works per thread), so it
            // is started from a thread that outlives it: its cgroup's thread, which lives inside the cgroup
            // so that the sandbox is born there, or the executor's own spawner thread.
            var spawner = cgroup is { BornInside: true } ? null : SpawnerThread.Value;
            (process, infoRead, blockWrite) = cgroup is { BornInside: true } ? cgroup.Start(() => Spawn(limited)) : spawner!.Run(() => Spawn(limited));
            if (cgroup is { BornInside: false })
            {
                cgroup.Add(process.Id);
            }

            childPid = BubblewrapInfo.ReadChildPid(infoRead, process, TimeSpan.FromSeconds(10));
            if (_limitsFromOutside)
            {
                ResourceLimits.Apply(childPid, request.Profile, cgroupHoldsMemory: cgroup is not null, counted);
            }
            else
            {
                _limiter?.Apply(childPid, request.Profile, cgroupHoldsMemory: cgroup is not null, counted);
            }

            if (cgroup is not null && !cgroup.Holds(childPid))
            {
                cgroup.Add(childPid);
            }

            LibC.WriteAll(blockWrite, "x"u8);
            return new SandboxedProcess(process, cgroup, TimeProvider, started);
        }
        catch (Exception e)
        {
            // What bubblewrap said, when it gave up on its own (its child gone), before it is killed.
            var said = e is SandboxUnavailableException ? string.Empty : BubblewrapSaid(process);

            // Killed before the block descriptor closes: bubblewrap takes end-of-file as "go on".
            if (childPid > 0)
            {
                LibC.kill(childPid, 9);
            }

            Kill(process);
            if (cgroup is not null)
            {
                CgroupPool.Return(cgroup);
            }

            throw e as SandboxUnavailableException ?? new SandboxUnavailableException($"the sandbox could not be set up: {e.Message}{said}");
        }
        finally
        {
            Close(infoRead);
            Close(blockWrite);
        }
    }

    private (Process Process, int InfoRead, int BlockWrite) Spawn(SandboxRequest request)
    {
        var seccomp = SeccompFilter.For(allowNetworkSockets: request.Profile.Network == "host");
        lock (SpawnLock)
        {
            LibC.CloseOnExecFromThree();
            var seccompFd = MemoryFile("warden-seccomp", seccomp);
            var (infoRead, infoWrite) = LibC.Pipe(inheritedEnd: 1);
            var (blockRead, blockWrite) = LibC.Pipe(inheritedEnd: 0);
            var argsFd = -1;
            try
            {
                // Options (the environment's values among them) go through a descriptor; the command stays on
                // the command line, where the sandboxed process shows it in /proc anyway.
                var arguments = BubblewrapArguments.Build(request, BubblewrapArguments.AllowedEnvironment(request.Profile), seccompFd, infoWrite, blockRead);
                var separator = arguments.IndexOf("--");
                argsFd = MemoryFile("warden-args", System.Text.Encoding.UTF8.GetBytes(string.Join('\0', arguments[..separator]) + "\0"));
                var start = BubblewrapStart();
                start.RedirectStandardInput = true;
                start.ArgumentList.Add("--args");
                start.ArgumentList.Add(argsFd.ToString(System.Globalization.CultureInfo.InvariantCulture));
                foreach (var word in arguments[separator..])
                {
                    start.ArgumentList.Add(word);
                }

                var process = Process.Start(start) ?? throw new InvalidOperationException("bubblewrap did not start");
                return (process, infoRead, blockWrite);
            }
            catch
            {
                Close(infoRead);
                Close(blockWrite);
                throw;
            }
            finally
            {
                Close(seccompFd);
                Close(argsFd);
                Close(infoWrite);
                Close(blockRead);
            }
        }
    }

    /// <summary>What bubblewrap wrote before it gave up (a path it could not bind, say), when it has exited.</summary>
    private static string BubblewrapSaid(Process? process)
    {
        try
        {
            if (process is null || !process.WaitForExit(TimeSpan.FromSeconds(1)))
            {
                return string.Empty;
            }

            var said = process.StandardError.ReadToEnd().Trim();
            return said.Length == 0 ? string.Empty : $" (bubblewrap: {(said.Length > 500 ? said[..500] : said)})";
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            return string.Empty;
        }
    }

    /// <summary>
    /// bubblewrap as the sandbox account, in /, with its output redirected and no environment (a
    /// sandboxed process could read bubblewrap's in /proc).
    /// </summary>
    private ProcessStartInfo BubblewrapStart()
    {
        var start = new ProcessStartInfo(_bubblewrap!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/" };
        start.Environment.Clear();
        if (User.Name is { } user)
        {
            start.UserName = user;
        }

        return start;
    }

    /// <summary>An inheritable in-memory file holding <paramref name="bytes"/>, read from its start.</summary>
    private static int MemoryFile(string name, ReadOnlySpan<byte> bytes)
    {
        var fd = LibC.memfd_create(name, 0);
        if (fd < 0)
        {
            throw new IOException($"memfd_create failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        LibC.WriteAll(fd, bytes);
        LibC.lseek(fd, 0, 0);
        return fd;
    }

    private static void Kill(Process? process)
    {
        try
        {
            process?.Kill(entireProcessTree: true);
            process?.WaitForExit(2000);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // already gone
        }

        process?.Dispose();
    }

    private static void Close(int fd)
    {
        if (fd >= 0)
        {
            LibC.close(fd);
        }
    }
}
