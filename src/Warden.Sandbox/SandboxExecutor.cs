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
        try
        {
            var limited = _limitsFromOutside || _limiter is not null ? request : request with { Command = [.. ResourceLimits.Prefix(request.Profile, cgroupHoldsMemory: cgroup is not null), .. request.Command] };
            // Where the cgroup has a thread of Warden's inside, bubblewrap is started from it and born
            // inside; elsewhere it is moved in at once and its first process is checked below.
            (process, infoRead, blockWrite) = cgroup is null ? Spawn(limited) : cgroup.Start(() => Spawn(limited));
            if (cgroup is { BornInside: false })
            {
                cgroup.Add(process.Id);
            }

            var childPid = BubblewrapInfo.ReadChildPid(infoRead, process, TimeSpan.FromSeconds(10));
            if (_limitsFromOutside)
            {
                ResourceLimits.Apply(childPid, request.Profile, cgroupHoldsMemory: cgroup is not null);
            }
            else
            {
                _limiter?.Apply(childPid, request.Profile, cgroupHoldsMemory: cgroup is not null);
            }

            if (cgroup is not null && !cgroup.Holds(childPid))
            {
                cgroup.Add(childPid);
            }
            LibC.WriteAll(blockWrite, "x"u8);
            return new SandboxedProcess(process, cgroup, TimeProvider, started);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or SandboxUnavailableException)
        {
            Kill(process);
            if (cgroup is not null)
            {
                CgroupPool.Return(cgroup);
            }
            throw e as SandboxUnavailableException ?? new SandboxUnavailableException($"the sandbox could not be set up: {e.Message}");
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
            var seccompFd = LibC.memfd_create("warden-seccomp", 0);
            if (seccompFd < 0)
            {
                throw new IOException($"memfd_create failed: {Marshal.GetLastPInvokeErrorMessage()}");
            }

            var (infoRead, infoWrite) = LibC.Pipe(inheritedEnd: 1);
            var (blockRead, blockWrite) = LibC.Pipe(inheritedEnd: 0);
            try
            {
                LibC.WriteAll(seccompFd, seccomp);
                LibC.lseek(seccompFd, 0, 0);
                var start = new ProcessStartInfo(_bubblewrap!)
                {
                    RedirectStandardInput = true,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                    WorkingDirectory = "/",
                };

                // bubblewrap itself gets no environment: a sandboxed process could read it in /proc.
                start.Environment.Clear();
                if (User.Name is { } user)
                {
                    start.UserName = user;
                }

                foreach (var argument in BubblewrapArguments.Build(request, BubblewrapArguments.AllowedEnvironment(request.Profile), seccompFd, infoWrite, blockRead))
                {
                    start.ArgumentList.Add(argument);
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
                Close(infoWrite);
                Close(blockRead);
            }
        }
    }

    private static void Kill(Process? process)
    {
        try
        {
            process?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
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
