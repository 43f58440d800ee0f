namespace Warden.Policies;

/// <summary>The policy's <c>gateway:</c> block: settings only the MCP gateway uses.</summary>
public sealed record GatewaySettings
{
    /// <summary>No limits beyond the agents' and tools' own.</summary>
    public static GatewaySettings Default { get; } = new();

    /// <summary>How long a held call waits for a person before its approval lapses: 1 hour.</summary>
    public TimeSpan ApprovalExpiry { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The administrators of the admin API by name, each with the <c>sha256:</c> digests of their keys.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Admins { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>JWT bearer tokens the gateway accepts besides agents' API keys; null: none.</summary>
    public JwtSettings? Jwt { get; init; }

    /// <summary>Requests the gateway accepts per minute from one client IP address; null for no limit.</summary>
    public int? RequestsPerMinutePerIp { get; init; }
}
