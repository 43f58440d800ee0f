namespace Warden.Policies;

/// <summary>Limits on one agent; null means the limit is not set.</summary>
/// <param name="RequestsPerMinute">Requests the agent may make per minute.</param>
/// <param name="ToolCallsPerSession">Tool calls one session may make.</param>
/// <param name="TurnsPerSession">User turns one session may take (the brief's 50).</param>
public sealed record AgentLimits(int? RequestsPerMinute, int? ToolCallsPerSession, int? TurnsPerSession)
{
    /// <summary>No limits set.</summary>
    public static AgentLimits None { get; } = new(null, null, null);

    /// <summary>Tool calls the agent may have under way at once, across its sessions.</summary>
    public int? ConcurrentCalls { get; init; }
}
