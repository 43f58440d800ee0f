namespace Warden.Auditing;

/// <summary>Where the gate records its decisions. An append that fails makes the gate withhold its answer.</summary>
public interface IAuditStore
{
    /// <summary>Records one event.</summary>
    ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);

    /// <summary>
    /// The keyed digest this store keeps in place of masked values, or null when masked values are
    /// replaced by <see cref="SecretMasker.Mask"/> alone. The gate masks the arguments with it too.
    /// </summary>
    MaskDigest? Digest => null;

    /// <summary>Events that pass <paramref name="query"/>, newest first.</summary>
    ValueTask<IReadOnlyList<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
