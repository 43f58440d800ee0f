using System.Collections.Concurrent;
using Warden.Stages.Checkpointing;

namespace Warden.Resilience.Checkpoints;

/// <summary>
/// Checkpoints long sessions on a timer (the brief's 30 s) as well as after each tool call: every
/// interval, each session whose state changed since its last timed checkpoint is written. Failures
/// are counted and reported through <see cref="Failures"/>; the next tick tries again.
/// </summary>
public sealed class CheckpointTimer : IAsyncDisposable
{
    /// <summary>The brief's interval.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    private readonly Gate _gate;
    private readonly ICheckpointStore _store;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly ConcurrentDictionary<string, long> _written = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _tick = new(1, 1);
    private long _failures;

    /// <summary>Starts checkpointing <paramref name="gate"/>'s sessions every <paramref name="interval"/>.</summary>
    /// <exception cref="ArgumentException">The gate has no checkpoint store.</exception>
    public CheckpointTimer(Gate gate, TimeSpan? interval = null, TimeProvider? timeProvider = null)
    {
        _gate = gate ?? throw new ArgumentNullException(nameof(gate));
        _store = gate.Checkpoints ?? throw new ArgumentException("the gate has no checkpoint store", nameof(gate));
        _time = timeProvider ?? TimeProvider.System;
        var every = interval ?? DefaultInterval;
        _timer = _time.CreateTimer(_ => _ = TickAsync(), null, every, every);
    }

    /// <summary>Checkpoints that could not be written.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Writes a checkpoint of every session changed since the last tick; returns how many were written.</summary>
    public async Task<int> TickAsync()
    {
        await _tick.WaitAsync().ConfigureAwait(false);
        try
        {
            var written = 0;
            foreach (var session in _gate.Sessions.All())
            {
                var version = session.Version;
                if (_written.TryGetValue(session.Id, out var last) && last == version)
                {
                    continue;
                }

                try
                {
                    await _store.AppendAsync(CheckpointStage.Take(session, null, _time)).ConfigureAwait(false);
                    _written[session.Id] = version;
                    written++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Interlocked.Increment(ref _failures);
                }
            }

            return written;
        }
        finally
        {
            _tick.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync().ConfigureAwait(false);
        _tick.Dispose();
    }
}
