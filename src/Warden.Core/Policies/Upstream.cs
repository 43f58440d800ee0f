namespace Warden.Policies;

/// <summary>An MCP server behind the gateway: a command it starts, or a URL it calls.</summary>
/// <param name="Name">The upstream's name.</param>
/// <param name="Command">The program and arguments of a stdio server (no shell), or null.</param>
/// <param name="Url">The address of an HTTP server, or null.</param>
/// <param name="Sandbox">The profile a stdio server runs in, or null.</param>
public sealed record Upstream(string Name, IReadOnlyList<string>? Command, Uri? Url, SandboxProfile? Sandbox)
{
    /// <summary>The host folder bound at <c>/workspace</c> when the sandbox profile binds one (relative paths are relative to the policy file).</summary>
    public string? Workspace { get; init; }
}
