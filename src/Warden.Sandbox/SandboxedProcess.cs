using System.Diagnostics;
using Warden.Sandbox.Cgroups;

namespace Warden.Sandbox;

/// <summary>
/// A running sandbox: its stdin, stdout and stderr, its exit, and a kill that takes the whole process
/// tree (bubblewrap's pid namespace, and its cgroup where it has one). Disposing it kills what is left.
/// Long-lived servers (the gateway's stdio MCP servers) are held this way.
/// </summary>
public sealed class SandboxedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TimeProvider _timeProvider;
    private readonly long _started;

    internal SandboxedProcess(Process process, ProcessCgroup? cgroup, TimeProvider timeProvider, long started)
    {
        _process = process;
        Cgroup = cgroup;
        _timeProvider = timeProvider;
        _started = started;
    }

    /// <summary>bubblewrap's host pid.</summary>
    public int Id => _process.Id;

    /// <summary>The command's stdin.</summary>
    public Stream Input => _process.StandardInput.BaseStream;

    /// <summary>The command's stdout.</summary>
    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>The command's stderr.</summary>
    public Stream Error => _process.StandardError.BaseStream;

    /// <summary>True once the sandbox has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code as a shell reports it (128 + n when killed by signal n); valid once it has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Time since the start.</summary>
    public TimeSpan Elapsed => _timeProvider.GetElapsedTime(_started);

    internal ProcessCgroup? Cgroup { get; }

    /// <summary>Waits until the sandbox ends.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Kills the whole process tree at once (SIGKILL).</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already ended
        }

        Cgroup?.KillAll();
    }

    /// <summary>Kills what is still running, waits for it, and removes the cgroup.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The kernel will reap it; the cgroup removal below retries.
            }
        }

        if (Cgroup is not null)
        {
            CgroupPool.Return(Cgroup);
        }

        _process.Dispose();
    }
}
