using System.Collections.Concurrent;
using System.Text;

namespace Warden.Benchmarks.PassThrough;

/// <summary>
/// A file that lines are appended to and flushed to disk (fsync) before <see cref="AppendAsync"/>
/// returns. Group-committed as the gateway's stores are: whoever holds the file writes every line
/// waiting at that moment and flushes once.
/// </summary>
internal sealed class DurableLog(string path) : IAsyncDisposable
{
    private readonly FileStream _file = new(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentQueue<(byte[] Line, TaskCompletionSource Done)> _waiting = new();

    /// <summary>Appends one line naming <paramref name="what"/>; returns once it is on disk.</summary>
    public async Task AppendAsync(string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Enqueue((Encoding.UTF8.GetBytes($"{DateTimeOffset.UtcNow:O} {what}\n"), done));
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!done.Task.IsCompleted)
            {
                WriteWaiting();
            }
        }
        finally
        {
            _gate.Release();
        }

        await done.Task.ConfigureAwait(false);
    }

    /// <summary>Writes every waiting line and flushes once (holding the gate); a failure fails every line taken.</summary>
    private void WriteWaiting()
    {
        var batch = new List<TaskCompletionSource>();
        try
        {
            while (_waiting.TryDequeue(out var next))
            {
                batch.Add(next.Done);
                _file.Write(next.Line);
            }

            _file.Flush(flushToDisk: true);
            batch.ForEach(d => d.SetResult());
        }
        catch (Exception e)
        {
            batch.ForEach(d => d.TrySetException(e)); // the calls fail, as the gateway's would; none is left waiting
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
