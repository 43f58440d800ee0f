namespace Warden.Auditing;

/// <summary>A filter over the audit log; results come newest first.</summary>
public sealed record AuditQuery
{
    /// <summary>Only this agent's events.</summary>
    public string? AgentId { get; init; }

    /// <summary>Only this session's events.</summary>
    public string? SessionId { get; init; }

    /// <summary>Only events of this type.</summary>
    public AuditEventType? Type { get; init; }

    /// <summary>Only events at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only events before this time.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>At most this many events.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>True when <paramref name="e"/> passes the filter.</summary>
    public bool Matches(AuditEvent e) =>
        (AgentId is null || e.AgentId == AgentId) &&
        (SessionId is null || e.SessionId == SessionId) &&
        (Type is null || e.Type == Type) &&
        (Since is null || e.Timestamp >= Since) &&
        (Until is null || e.Timestamp < Until);
}
