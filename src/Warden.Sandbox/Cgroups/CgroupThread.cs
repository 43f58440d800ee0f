using System.Collections.Concurrent;
using Warden.Sandbox.Native;

namespace Warden.Sandbox.Cgroups;

/// <summary>
/// A thread of Warden's that lives inside one cgroup (v1 places threads one by one), so that a process
/// it starts is born inside the cgroup. Moving a process in after its start costs a wait for the
/// kernel's cgroup lock (an RCU grace period, measured at 1–3 ms here) on every run; this thread is
/// moved once, when its cgroup is made. Memory is charged to a process's main thread's cgroup, so
/// Warden's own memory is not counted; the pids limit counts this thread, and is raised by one.
/// </summary>
internal sealed class CgroupThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread _thread;
    private readonly TaskCompletionSource<int> _tid = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts the thread and moves it into <paramref name="folders"/> (their <c>tasks</c> files).</summary>
    public CgroupThread(IReadOnlyList<string> folders)
    {
        _thread = new Thread(() => Loop(folders)) { IsBackground = true, Name = "warden-cgroup-spawner" };
        _thread.Start();
        Id = _tid.Task.GetAwaiter().GetResult();
    }

    /// <summary>The thread's id (TID), which the cgroup's task list shows.</summary>
    public int Id { get; }

    /// <summary>Runs <paramref name="action"/> on the thread, inside the cgroup, and returns its result.</summary>
    public T Run<T>(Func<T> action)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                done.SetResult(action());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task.GetAwaiter().GetResult();
    }

    /// <summary>Ends the thread (and with it its membership of the cgroup).</summary>
    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
    }

    private void Loop(IReadOnlyList<string> folders)
    {
        var tid = LibC.gettid();
        try
        {
            foreach (var folder in folders)
            {
                File.WriteAllText(Path.Combine(folder, "tasks"), tid.ToString());
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _tid.SetException(e);
            return;
        }

        _tid.SetResult(tid);
        foreach (var action in _work.GetConsumingEnumerable())
        {
            action();
        }
    }
}
