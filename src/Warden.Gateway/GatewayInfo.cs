namespace Warden.Gateway;

/// <summary>The gateway's name and version as MCP peers see them.</summary>
public static class GatewayInfo
{
    /// <summary>The server name in the MCP handshake.</summary>
    public const string Name = "warden";

    /// <summary>The version, from the assembly.</summary>
    public static string Version { get; } = typeof(GatewayInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
