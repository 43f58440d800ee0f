namespace Warden.Resilience.Breakers;

/// <summary>
/// Where circuit states live: in this process, in the embedded store, or (later) shared by gateway
/// replicas. <see cref="UpdateAsync"/> is atomic per key, <see cref="UpdatePairAsync"/> for two keys:
/// the function sees the latest states and its result is stored before anyone else reads them.
/// </summary>
public interface IBreakerStore
{
    /// <summary>The state of <paramref name="key"/> (closed when never seen).</summary>
    ValueTask<BreakerState> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Replaces the state of <paramref name="key"/> with <paramref name="update"/>'s result, atomically, and returns it.</summary>
    ValueTask<BreakerState> UpdateAsync(string key, Func<BreakerState, BreakerState> update, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the states of <paramref name="first"/> and <paramref name="second"/> (two different keys) together, atomically:
    /// <paramref name="update"/> sees both latest states and returns both next ones, stored in one write.
    /// A state returned as the very instance it was given is unchanged and need not be written.
    /// </summary>
    /// <param name="first">The first circuit's key.</param>
    /// <param name="second">The second circuit's key (another one).</param>
    /// <param name="update">The next states, from the latest ones.</param>
    /// <param name="flush">
    /// True: the update is on disk when this returns. False: a store may commit it without waiting for
    /// the disk, when the caller knows that a durable write to the same store follows in the same call
    /// (see <c>SqliteDatabase.WriteAsync</c>); it is committed and visible either way.
    /// </param>
    /// <param name="cancellationToken">Gives up before the update is made.</param>
    ValueTask<(BreakerState First, BreakerState Second)> UpdatePairAsync(
        string first, string second, Func<BreakerState, BreakerState, (BreakerState First, BreakerState Second)> update, bool flush = true, CancellationToken cancellationToken = default);

    /// <summary>Every circuit that is not closed with no history.</summary>
    ValueTask<IReadOnlyList<BreakerState>> ListAsync(CancellationToken cancellationToken = default);
}
