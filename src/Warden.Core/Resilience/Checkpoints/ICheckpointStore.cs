namespace Warden.Resilience.Checkpoints;

/// <summary>Where checkpoints are kept. An append returns only once the checkpoint is durable.</summary>
public interface ICheckpointStore
{
    /// <summary>Stores <paramref name="checkpoint"/> durably (its sequence must be new for its session).</summary>
    ValueTask AppendAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>The session's newest checkpoint as stored (its hash not yet checked), or null.</summary>
    ValueTask<Checkpoint?> LatestAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Every session with a checkpoint, and its newest sequence.</summary>
    ValueTask<IReadOnlyList<(string SessionId, long Sequence)>> SessionsAsync(CancellationToken cancellationToken = default);
}
