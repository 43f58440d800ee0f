using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Warden.Policies;
using Warden.Sandbox.Native;

namespace Warden.Sandbox;

/// <summary>
/// A thread of Warden's that takes the sandbox account's real and effective ids just for its prlimit(2)
/// calls (its saved ids stay root's, so it switches back at once), used when Warden runs as root
/// without CAP_SYS_RESOURCE: prlimit(2) lets a caller set the limits of processes of its own account,
/// so this thread can set a sandbox's limits from outside, which saves the sandbox one exec of
/// util-linux's prlimit (about 1.3 ms of a 7 ms start, measured). It is root again between calls, so
/// that no other process of that account can signal it. Only the raw set*id system calls change one
/// thread's credentials; glibc's wrappers would change every thread's.
/// </summary>
internal sealed class LimiterThread
{
    private readonly BlockingCollection<(int Pid, SandboxProfile Profile, bool CgroupHoldsMemory, bool CgroupCountsProcesses, TaskCompletionSource Done)> _work = [];
    private readonly SandboxUser _user;
    private readonly int _setresuid;
    private readonly int _setresgid;

    private LimiterThread(SandboxUser user, int setresuid, int setresgid)
    {
        _user = user;
        _setresuid = setresuid;
        _setresgid = setresgid;
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

        var limiter = new LimiterThread(user, setresuid, setresgid);
        var ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            var switched = limiter.BecomeUser() && limiter.BecomeRoot();
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
    public void Apply(int pid, SandboxProfile profile, bool cgroupHoldsMemory, bool cgroupCountsProcesses)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add((pid, profile, cgroupHoldsMemory, cgroupCountsProcesses, done));
        done.Task.GetAwaiter().GetResult();
    }

    private void Loop()
    {
        foreach (var (pid, profile, cgroupHoldsMemory, cgroupCountsProcesses, done) in _work.GetConsumingEnumerable())
        {
            try
            {
                if (!BecomeUser())
                {
                    throw new IOException($"the limiter thread could not act as {_user.Name}");
                }

                try
                {
                    ResourceLimits.Apply(pid, profile, cgroupHoldsMemory, cgroupCountsProcesses);
                }
                finally
                {
                    if (!BecomeRoot())
                    {
                        Environment.FailFast("the sandbox limiter thread could not return to root's ids");
                    }
                }

                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }
    }

    // Group first: once the uid is no longer root's, the gid could not be changed; back, uid first.
    private bool BecomeUser() =>
        LibC.syscall(_setresgid, (nint)_user.GroupId, (nint)_user.GroupId, 0) == 0
        && LibC.syscall(_setresuid, (nint)_user.UserId, (nint)_user.UserId, 0) == 0;

    private bool BecomeRoot() =>
        LibC.syscall(_setresuid, 0, 0, 0) == 0 && LibC.syscall(_setresgid, 0, 0, 0) == 0;
}
