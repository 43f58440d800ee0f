namespace Warden.Auditing;

/// <summary>
/// The last masking before an event is hashed and stored: the gate already masks the arguments (by
/// field name and by the secret detector); here the secret detector also runs over the event's free
/// text (its reason), so that a secret a tool or a stage put into a message is not kept either.
/// </summary>
public static class AuditMasking
{
    /// <summary>
    /// <paramref name="auditEvent"/> with every secret the detector recognises in its reason replaced by
    /// <see cref="SecretMasker.Mask"/>, or by its keyed digest when <paramref name="digest"/> is given, and
    /// its evidence masked as arguments are (sensitive names, recognised secrets).
    /// </summary>
    public static AuditEvent Apply(AuditEvent auditEvent, MaskDigest? digest = null)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var reason = SecretMasker.MaskText(auditEvent.Reason, digest);
        var masked = ReferenceEquals(reason, auditEvent.Reason) ? auditEvent : auditEvent with { Reason = reason };
        return masked.Evidence is { } evidence
            ? masked with { Evidence = System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(SecretMasker.MaskToUtf8(evidence, digest)) }
            : masked;
    }
}
