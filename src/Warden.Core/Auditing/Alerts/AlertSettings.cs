namespace Warden.Auditing.Alerts;

/// <summary>The policy's <c>alerts:</c> block: where alerts go and how hard delivery tries.</summary>
public sealed record AlertSettings
{
    /// <summary>No webhooks.</summary>
    public static AlertSettings None { get; } = new();

    /// <summary>The event types a webhook gets when it names none: SECURITY_VIOLATION and ANOMALY.</summary>
    public static IReadOnlySet<AuditEventType> DefaultTypes { get; } = new HashSet<AuditEventType> { AuditEventType.SecurityViolation, AuditEventType.Anomaly };

    /// <summary>The webhooks, by name.</summary>
    public IReadOnlyList<WebhookSettings> Webhooks { get; init; } = [];

    /// <summary>Deliveries tried before an alert is given up (and left in the outbox, marked failed): 12.</summary>
    public int Attempts { get; init; } = 12;

    /// <summary>The longest wait between two tries (they back off from 1 s, doubling): 5 minutes.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one delivery may take: 10 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The webhooks <paramref name="type"/> goes to.</summary>
    public IEnumerable<WebhookSettings> For(AuditEventType type) => Webhooks.Where(webhook => webhook.Types.Contains(type));
}
