using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Warden.Policies;
using Warden.Sandbox.Native;

namespace Warden.Sandbox;

/// <summary>
/// A thread of Warden's whose real and effective ids are the sandbox account's (its saved ids stay
/// root's, so nothing else changes), used when Warden runs as root without CAP_SYS_RESOURCE: prlimit(2)
/// lets a caller set the limits of processes of its own account, so this thread can set a sandbox's
/// limits from outside, which saves the sandbox one exec of util-linux's prlimit (about 1.3 ms of a
/// 7 ms start, measured). Only the raw set*id system calls change one thread's credentials; glibc's
/// wrappers would change every thread's.
/// </summary>
internal sealed class LimiterThread
{
    private readonly BlockingCollection<(int Pid, SandboxProfile Profile, bool CgroupHoldsMemory, TaskCompletionSource Done)> _work = [];

    private LimiterThread()
    {
    }

    /// <summary>A thread acting as <paramref name="user"/>, or null where it cannot be made (unknown machine, no CAP_SETUID).</summary>
    public static LimiterThread? TryCreate(SandboxUser user)
    {
        var (setresuid, setresgid) = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => (117, 119),
            Architecture.Arm64 => (147, 149),
            _ => (0, 0),
        };
        if (setresuid == 0)
        {
            return null;
        }

        var limiter = new LimiterThread();
        var ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            // Group first: once the uid is no longer root's, the gid could not be changed.
            var switched = LibC.syscall(setresgid, (nint)user.GroupId, (nint)user.GroupId, 0) == 0
                && LibC.syscall(setresuid, (nint)user.UserId, (nint)user.UserId, 0) == 0;
            ready.SetResult(switched);
            if (switched)
            {
                limiter.Loop();
            }
        })
        {
            IsBackground = true,
            Name = "warden-sandbox-limiter",
        };
        thread.Start();
        return ready.Task.GetAwaiter().GetResult() ? limiter : null;
    }

    /// <summary>Sets <paramref name="profile"/>'s limits on <paramref name="pid"/> from this thread.</summary>
    public void Apply(int pid, SandboxProfile profile, bool cgroupHoldsMemory)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add((pid, profile, cgroupHoldsMemory, done));
        done.Task.GetAwaiter().GetResult();
    }

    private void Loop()
    {
        foreach (var (pid, profile, cgroupHoldsMemory, done) in _work.GetConsumingEnumerable())
        {
            try
            {
                ResourceLimits.Apply(pid, profile, cgroupHoldsMemory);
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }
    }
}
