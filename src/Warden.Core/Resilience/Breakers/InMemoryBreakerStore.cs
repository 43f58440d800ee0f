namespace Warden.Resilience.Breakers;

/// <summary>Circuit states held in this process only.</summary>
public sealed class InMemoryBreakerStore : IBreakerStore
{
    private readonly Dictionary<string, BreakerState> _states = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    /// <inheritdoc />
    public ValueTask<BreakerState> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return ValueTask.FromResult(_states.GetValueOrDefault(key) ?? BreakerState.Closed(key));
        }
    }

    /// <inheritdoc />
    public ValueTask<BreakerState> UpdateAsync(string key, Func<BreakerState, BreakerState> update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_sync)
        {
            var next = update(_states.GetValueOrDefault(key) ?? BreakerState.Closed(key)) with { Key = key };
            _states[key] = next;
            return ValueTask.FromResult(next);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<BreakerState>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return ValueTask.FromResult<IReadOnlyList<BreakerState>>(_states.Values.OrderBy(s => s.Key, StringComparer.Ordinal).ToList());
        }
    }
}
