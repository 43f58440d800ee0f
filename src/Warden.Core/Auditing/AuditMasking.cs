using Warden.Detection.Secrets;

namespace Warden.Auditing;

/// <summary>
/// The last masking before an event is hashed and stored: the gate already masks the arguments (by
/// field name and by the secret detector); here the secret detector also runs over the event's free
/// text (its reason), so that a secret a tool or a stage put into a message is not kept either.
/// </summary>
public static class AuditMasking
{
    /// <summary><paramref name="auditEvent"/> with every secret the detector recognises in its reason replaced by <see cref="SecretMasker.Mask"/>.</summary>
    public static AuditEvent Apply(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var reason = auditEvent.Reason;
        return SecretDetector.MayContainSecret(reason) && SecretDetector.Instance.ContainsSecret(reason)
            ? auditEvent with { Reason = SecretDetector.Instance.Redact(reason, SecretMasker.Mask) }
            : auditEvent;
    }
}
