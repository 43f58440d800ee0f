using Microsoft.AspNetCore.Http;

namespace Warden.Gateway.Access;

/// <summary>Who is calling, as the access middleware established it for this request.</summary>
/// <param name="AgentId">The authenticated agent.</param>
/// <param name="SessionId">The gate's session: the agent's id, a slash, and the <c>X-Warden-Session</c> header (or <c>default</c>).</param>
internal sealed record CallerContext(string AgentId, string SessionId)
{
    /// <summary>The role a verified JWT named, if any (honoured only as the policy allows).</summary>
    public string? TokenRole { get; init; }

    /// <summary>The caller as the gate sees it.</summary>
    public Principal Principal => new(AgentId) { TokenRole = TokenRole };

    private static readonly object Key = new();

    /// <summary>The header carrying Warden's session id, both ways.</summary>
    public const string SessionHeader = "X-Warden-Session";

    /// <summary>The session of a caller that names none.</summary>
    public const string DefaultSession = "default";

    /// <summary>The gate's session id of <paramref name="agentId"/>'s session <paramref name="session"/>: agents' sessions never meet.</summary>
    public static string Scoped(string agentId, string session) => $"{agentId}/{session}";

    /// <summary>Stores the caller on the request.</summary>
    public void Attach(HttpContext http) => http.Items[Key] = this;

    /// <summary>The caller of <paramref name="http"/>; the access middleware always sets one before MCP runs.</summary>
    public static CallerContext Of(HttpContext? http) =>
        http?.Items[Key] as CallerContext ?? throw new InvalidOperationException("the request reached MCP without passing the access check");
}
