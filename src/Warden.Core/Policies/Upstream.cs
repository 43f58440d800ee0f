namespace Warden.Policies;

/// <summary>An MCP server behind the gateway: a command it starts, or a URL it calls.</summary>
/// <param name="Name">The upstream's name.</param>
/// <param name="Command">The command line of a stdio server, or null.</param>
/// <param name="Url">The address of an HTTP server, or null.</param>
/// <param name="Sandbox">The profile a stdio server runs in, or null.</param>
public sealed record Upstream(string Name, string? Command, Uri? Url, SandboxProfile? Sandbox);
