namespace Warden.Auditing;

/// <summary>
/// The audit log in this process's memory, bounded: past <see cref="Capacity"/> events the oldest are
/// dropped. For tests, the demo and single-run tools; a durable store keeps the real log.
/// </summary>
public sealed class InMemoryAuditStore(int capacity = 100_000, MaskDigest? digest = null) : IAuditStore
{
    /// <inheritdoc />
    public MaskDigest? Digest { get; } = digest;

    private readonly Lock _sync = new();
    private readonly Queue<AuditEvent> _events = new();

    /// <summary>The most events kept.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>How many events are held now.</summary>
    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _events.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        auditEvent = AuditMasking.Apply(auditEvent, Digest);
        lock (_sync)
        {
            if (_events.Count == Capacity)
            {
                _events.Dequeue();
            }

            _events.Enqueue(auditEvent);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        AuditEvent[] snapshot;
        lock (_sync)
        {
            snapshot = _events.ToArray();
        }

        IEnumerable<AuditEvent> newestFirst = snapshot.Reverse();
        if (query.BeforeId is { } cursor)
        {
            newestFirst = newestFirst.SkipWhile(e => e.Id != cursor).Skip(1);
        }

        IReadOnlyList<AuditEvent> result = newestFirst.Where(query.Matches).Take(Math.Max(0, query.Limit)).ToList();
        return ValueTask.FromResult(result);
    }
}
