namespace Warden.Auditing.Anomalies;

/// <summary>
/// An audit store that shows every event it records to an <see cref="AnomalyDetector"/> and records
/// the anomalies it raises right after, in the same store (where alerts pick them up). The event that
/// showed the anomaly is recorded first, so an anomaly always follows its evidence in the chain.
/// </summary>
public sealed class AnomalyWatchingAuditStore(IAuditStore inner, AnomalyDetector detector) : IAuditStore
{
    /// <summary>The store events go to.</summary>
    public IAuditStore Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>The detector.</summary>
    public AnomalyDetector Detector { get; } = detector ?? throw new ArgumentNullException(nameof(detector));

    /// <inheritdoc />
    public MaskDigest? Digest => Inner.Digest;

    /// <inheritdoc />
    public async ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        await Inner.AppendAsync(auditEvent, cancellationToken).ConfigureAwait(false);
        foreach (var anomaly in Detector.Observe(auditEvent))
        {
            await Inner.AppendAsync(anomaly, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        Inner.QueryAsync(query, cancellationToken);
}
