using System.Collections.Concurrent;

namespace Warden.Resilience.Checkpoints;

/// <summary>Checkpoints held in this process only (they keep their stored bytes, as a durable store would).</summary>
public sealed class InMemoryCheckpointStore : ICheckpointStore
{
    private readonly ConcurrentDictionary<string, (long Sequence, byte[] Bytes)> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, long), bool> _written = new();

    /// <inheritdoc />
    public ValueTask AppendAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var bytes = CheckpointSerializer.Serialize(checkpoint);
        if (!_written.TryAdd((checkpoint.SessionId, checkpoint.Sequence), true))
        {
            throw new InvalidOperationException($"checkpoint {checkpoint.Sequence} of session '{checkpoint.SessionId}' is already stored");
        }

        // Concurrent calls may append out of order: the newest sequence wins, as in the SQLite store.
        _latest.AddOrUpdate(
            checkpoint.SessionId,
            _ => (checkpoint.Sequence, bytes),
            (_, old) => checkpoint.Sequence > old.Sequence ? (checkpoint.Sequence, bytes) : old);
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
