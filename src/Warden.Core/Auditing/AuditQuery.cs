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

    /// <summary>Only events with this decision.</summary>
    public DecisionKind? Decision { get; init; }

    /// <summary>Only events of calls to this tool.</summary>
    public string? Tool { get; init; }

    /// <summary>The cursor: only events older than the event with this id (the last id of the previous page).</summary>
    public string? BeforeId { get; init; }

    /// <summary>At most this many events.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>True when <paramref name="e"/> passes the filter (the cursor aside, which stores apply by position).</summary>
    public bool Matches(AuditEvent e) =>
        (AgentId is null || e.AgentId == AgentId) &&
        (SessionId is null || e.SessionId == SessionId) &&
        (Type is null || e.Type == Type) &&
        (Decision is null || e.Decision == Decision) &&
        (Tool is null || e.Tool == Tool) &&
        (Since is null || e.Timestamp >= Since) &&
        (Until is null || e.Timestamp < Until);
}
