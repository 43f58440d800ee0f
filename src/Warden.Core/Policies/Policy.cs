namespace Warden.Policies;

/// <summary>
/// A loaded, validated policy: immutable. Build one with <see cref="PolicyLoader"/>.
/// </summary>
public sealed class Policy
{
    internal Policy(
        PolicyMode mode,
        IReadOnlySet<string> capabilities,
        IReadOnlyDictionary<string, Role> roles,
        string? defaultRole,
        IReadOnlyDictionary<string, ToolBinding> tools,
        IReadOnlyDictionary<string, AgentBinding> agents,
        IReadOnlyList<FlowRule> flows,
        IReadOnlyDictionary<string, Upstream> upstreams)
    {
        Mode = mode;
        Capabilities = capabilities;
        Roles = roles;
        DefaultRole = defaultRole;
        Tools = tools;
        Agents = agents;
        Flows = flows;
        Upstreams = upstreams;
    }

    /// <summary>Enforce or shadow.</summary>
    public PolicyMode Mode { get; }

    /// <summary>Every capability the policy knows: the built-in eight and those it declares.</summary>
    public IReadOnlySet<string> Capabilities { get; }

    /// <summary>Every role, built-in ones included, with inherited capabilities folded in.</summary>
    public IReadOnlyDictionary<string, Role> Roles { get; }

    /// <summary>The role of agents the policy does not name, or null: such agents get nothing.</summary>
    public string? DefaultRole { get; }

    /// <summary>Tool bindings by tool name.</summary>
    public IReadOnlyDictionary<string, ToolBinding> Tools { get; }

    /// <summary>Agent bindings by agent id.</summary>
    public IReadOnlyDictionary<string, AgentBinding> Agents { get; }

    /// <summary>Flow rules, in the order they are consulted.</summary>
    public IReadOnlyList<FlowRule> Flows { get; }

    /// <summary>Named sandbox profiles, <c>default</c> among them.</summary>
    public IReadOnlyDictionary<string, SandboxProfile> Sandboxes { get; init; } = new Dictionary<string, SandboxProfile> { [SandboxProfile.Default.Name] = SandboxProfile.Default };

    /// <summary>The policy's circuit-breaker settings (the brief's defaults with its top-level <c>breaker:</c> applied).</summary>
    public Resilience.Breakers.BreakerSettings Breaker { get; init; } = Resilience.Breakers.BreakerSettings.Default;

    /// <summary>How anomalies are looked for (the policy's <c>anomalies:</c>, defaults filled in).</summary>
    public Auditing.Anomalies.AnomalySettings Anomalies { get; init; } = Auditing.Anomalies.AnomalySettings.Default;

    /// <summary>The gateway's own settings (the policy's <c>gateway:</c>).</summary>
    public GatewaySettings Gateway { get; init; } = GatewaySettings.Default;

    /// <summary>Where alerts go (the policy's <c>alerts:</c>); none by default.</summary>
    public Auditing.Alerts.AlertSettings Alerts { get; init; } = Auditing.Alerts.AlertSettings.None;

    /// <summary>The settings of <paramref name="agentId"/>'s circuit, or of its use of <paramref name="tool"/> when given.</summary>
    public Resilience.Breakers.BreakerSettings BreakerFor(string agentId, string? tool = null)
    {
        var settings = Agents.TryGetValue(agentId, out var agent) ? agent.Breaker.ApplyTo(Breaker) : Breaker;
        return tool is not null && Tools.TryGetValue(tool, out var binding) ? binding.Breaker.ApplyTo(settings) : settings;
    }

    /// <summary>The gateway's upstream MCP servers by name.</summary>
    public IReadOnlyDictionary<string, Upstream> Upstreams { get; }

    /// <summary>
    /// The role <paramref name="principal"/> acts in and the rule that gave it: its agent's own binding,
    /// else a verified token's role when <c>gateway.jwt.roles</c> lets tokens give it, else the default
    /// role; null when the policy gives the caller nothing.
    /// </summary>
    public (Role Role, string Rule)? ResolveRole(Principal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!Agents.ContainsKey(principal.AgentId) && principal.TokenRole is { } tokenRole
            && Gateway.Jwt is { } jwt && jwt.Roles.Contains(tokenRole) && Roles.TryGetValue(tokenRole, out var role))
        {
            return (role, $"gateway.jwt.{jwt.RoleClaim}");
        }

        return ResolveRole(principal.AgentId);
    }

    /// <summary>
    /// The role <paramref name="agentId"/> acts in and the rule that gave it: its own binding, else the
    /// default role; null when the policy gives the agent nothing.
    /// </summary>
    public (Role Role, string Rule)? ResolveRole(string agentId)
    {
        if (Agents.TryGetValue(agentId, out var agent))
        {
            return (Roles[agent.Role], $"agents.{agentId}.role");
        }

        return DefaultRole is null ? null : (Roles[DefaultRole], "default_role");
    }
}
