using System.Collections.Concurrent;

namespace Warden.Resilience.Checkpoints;

/// <summary>Checkpoints held in this process only (they keep their stored bytes, as a durable store would).</summary>
public sealed class InMemoryCheckpointStore : ICheckpointStore
{
    private readonly ConcurrentDictionary<string, (long Sequence, byte[] Bytes)> _latest = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask AppendAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var bytes = CheckpointSerializer.Serialize(checkpoint);
        _latest.AddOrUpdate(
            checkpoint.SessionId,
            _ => (checkpoint.Sequence, bytes),
            (_, old) => checkpoint.Sequence > old.Sequence
                ? (checkpoint.Sequence, bytes)
                : throw new InvalidOperationException($"checkpoint {checkpoint.Sequence} of session '{checkpoint.SessionId}' is not newer than {old.Sequence}"));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<Checkpoint?> LatestAsync(string sessionId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_latest.TryGetValue(sessionId, out var entry) ? CheckpointSerializer.Deserialize(entry.Bytes) : null);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<(string SessionId, long Sequence)>> SessionsAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<(string, long)>>(_latest.Select(p => (p.Key, p.Value.Sequence)).OrderBy(p => p.Key, StringComparer.Ordinal).ToList());

    /// <summary>Test hook: replaces the stored bytes of a session's newest checkpoint.</summary>
    internal void Corrupt(string sessionId, Func<byte[], byte[]> change) =>
        _latest[sessionId] = (_latest[sessionId].Sequence, change(_latest[sessionId].Bytes));
}
