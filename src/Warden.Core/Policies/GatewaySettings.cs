namespace Warden.Policies;

/// <summary>The policy's <c>gateway:</c> block: settings only the MCP gateway uses.</summary>
public sealed record GatewaySettings
{
    /// <summary>No limits beyond the agents' and tools' own.</summary>
    public static GatewaySettings Default { get; } = new();

    /// <summary>Requests the gateway accepts per minute from one client IP address; null for no limit.</summary>
    public int? RequestsPerMinutePerIp { get; init; }
}
