namespace Warden.Gateway.Mcp;

/// <summary>
/// The gate calls under way, which run on after their agent hangs up (see <see cref="GatewayHandlers"/>):
/// at shutdown the gateway waits for them before it closes the upstreams and the stores, then cancels
/// the ones still running (their ledger entries stay unfinished: their effect is unknown).
/// </summary>
internal sealed class CallsInFlight : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private int _running;
    private TaskCompletionSource? _idle;

    /// <summary>The token calls run under: cancelled only when shutdown gives up waiting for them.</summary>
    public CancellationToken Token => _stopping.Token;

    /// <summary>Counts a call in until the returned value is disposed.</summary>
    public Entry Enter()
    {
        lock (_lock)
        {
            _running++;
        }

        return new Entry(this);
    }

    /// <summary>Waits up to <paramref name="grace"/> for the calls under way, then cancels the rest and waits for them to end.</summary>
    public async Task DrainAsync(TimeSpan grace)
    {
        Task idle;
        lock (_lock)
        {
            if (_running == 0)
            {
                return;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            idle = _idle.Task;
        }

        if (await Task.WhenAny(idle, Task.Delay(grace)).ConfigureAwait(false) != idle)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(idle, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    private void Exit()
    {
        lock (_lock)
        {
            if (--_running == 0)
            {
                _idle?.TrySetResult();
                _idle = null;
            }
        }
    }

    /// <summary>One call's membership.</summary>
    public readonly struct Entry(CallsInFlight owner) : IDisposable
    {
        /// <summary>Counts the call out.</summary>
        public void Dispose() => owner.Exit();
    }
}
