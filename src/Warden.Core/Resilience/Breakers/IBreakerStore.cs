namespace Warden.Resilience.Breakers;

/// <summary>
/// Where circuit states live: in this process, in the embedded store, or (later) shared by gateway
/// replicas. <see cref="UpdateAsync"/> is atomic per key: the function sees the latest state and its
/// result is stored before anyone else reads the key.
/// </summary>
public interface IBreakerStore
{
    /// <summary>The state of <paramref name="key"/> (closed when never seen).</summary>
    ValueTask<BreakerState> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Replaces the state of <paramref name="key"/> with <paramref name="update"/>'s result, atomically, and returns it.</summary>
    ValueTask<BreakerState> UpdateAsync(string key, Func<BreakerState, BreakerState> update, CancellationToken cancellationToken = default);

    /// <summary>Every circuit that is not closed with no history.</summary>
    ValueTask<IReadOnlyList<BreakerState>> ListAsync(CancellationToken cancellationToken = default);
}
