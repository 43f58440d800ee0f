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
    public ValueTask<(BreakerState First, BreakerState Second)> UpdatePairAsync(
        string first, string second, Func<BreakerState, BreakerState, (BreakerState First, BreakerState Second)> update, bool flush = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (first == second)
        {
            throw new ArgumentException($"a pair of circuits needs two keys, not '{first}' twice", nameof(second));
        }

        lock (_sync)
        {
            var (readFirst, readSecond) = (_states.GetValueOrDefault(first) ?? BreakerState.Closed(first), _states.GetValueOrDefault(second) ?? BreakerState.Closed(second));
            var (nextFirst, nextSecond) = update(readFirst, readSecond);
            return ValueTask.FromResult((Store(first, readFirst, nextFirst), Store(second, readSecond, nextSecond)));
        }
    }

    /// <summary>Keeps <paramref name="next"/> unless it is the very state read (unchanged).</summary>
    private BreakerState Store(string key, BreakerState read, BreakerState next)
    {
        if (!ReferenceEquals(read, next))
        {
            _states[key] = next = next with { Key = key };
        }

        return next;
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
