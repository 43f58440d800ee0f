using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Warden.Policies.Yaml;

namespace Warden.Policies;

/// <summary>Validates a YAML tree into a <see cref="Policy"/>, collecting every diagnostic with its place.</summary>
internal sealed partial class PolicyReader
{
    private static readonly FrozenSet<string> TopKeys =
        FrozenSet.Create(StringComparer.Ordinal, "mode", "default_role", "capabilities", "roles", "tools", "agents", "flows", "upstreams", "sandboxes", "breaker", "anomalies", "alerts", "gateway");

    private readonly List<PolicyDiagnostic> _diagnostics = [];
    private readonly HashSet<string> _capabilities = new(Capabilities.BuiltIn, StringComparer.Ordinal);

    public PolicyLoadResult Read(string yaml, string source)
    {
        var root = YamlTreeReader.Read(yaml, _diagnostics);
        Policy? policy = null;
        if (root is not null && AsMapping(root, string.Empty, "the policy") is { } top)
        {
            policy = ReadTop(top);
        }

        var ordered = _diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
        return new PolicyLoadResult(ordered.Any(d => d.IsError) ? null : policy, ordered, source);
    }

    private Policy ReadTop(YamlMapping top)
    {
        var sections = Entries(top, string.Empty, TopKeys).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var mode = PolicyMode.Enforce;
        if (sections.TryGetValue("mode", out var modeNode) && AsString(modeNode, "mode") is { } modeText)
        {
            mode = modeText switch
            {
                "enforce" => PolicyMode.Enforce,
                "shadow" => PolicyMode.Shadow,
                _ => Fail(modeNode, "mode", $"mode must be 'enforce' or 'shadow', not '{modeText}'", PolicyMode.Enforce),
            };
        }

        if (sections.TryGetValue("capabilities", out var capabilitiesNode))
        {
            ReadDeclaredCapabilities(capabilitiesNode);
        }

        var roles = ReadRoles(sections.GetValueOrDefault("roles"));
        string? defaultRole = null;
        if (sections.TryGetValue("default_role", out var defaultNode) && AsString(defaultNode, "default_role") is { } name)
        {
            defaultRole = roles.ContainsKey(name) ? name : Fail<string?>(defaultNode, "default_role", $"unknown role '{name}'", null);
        }

        ReadSandboxes(sections.GetValueOrDefault("sandboxes"));
        var breaker = sections.TryGetValue("breaker", out var breakerNode) ? ReadBreaker(breakerNode, "breaker") : Resilience.Breakers.BreakerOverrides.None;
        var tools = ReadTools(sections.GetValueOrDefault("tools"));
        var agents = ReadAgents(sections.GetValueOrDefault("agents"), roles);
        var flows = ReadFlows(sections.GetValueOrDefault("flows"), tools);
        var upstreams = ReadUpstreams(sections.GetValueOrDefault("upstreams"));
        var gateway = ReadGateway(sections.GetValueOrDefault("gateway"));
        CheckKeysAreUnique(agents, gateway, sections);
        foreach (var (role, node) in _tokenRoles.Where(r => !roles.ContainsKey(r.Role)))
        {
            Error(node, "gateway.jwt.roles", $"unknown role '{role}'");
        }
        return new Policy(mode, _capabilities.ToFrozenSet(StringComparer.Ordinal), roles, defaultRole, tools, agents, flows, upstreams)
        {
            Sandboxes = _sandboxes.ToFrozenDictionary(StringComparer.Ordinal),
            Breaker = breaker.ApplyTo(Resilience.Breakers.BreakerSettings.Default),
            Anomalies = ReadAnomalies(sections.GetValueOrDefault("anomalies")),
            Alerts = ReadAlerts(sections.GetValueOrDefault("alerts")),
            Gateway = gateway,
        };
    }

    private void ReadDeclaredCapabilities(YamlNode node)
    {
        foreach (var (name, item) in AsStringList(node, "capabilities"))
        {
            if (!Capabilities.IsWellFormed(name))
            {
                Error(item, "capabilities", $"'{name}' is not a capability name: use dotted lower-case words such as 'email.send'");
            }
            else if (!_capabilities.Add(name))
            {
                Error(item, "capabilities", Capabilities.BuiltIn.Contains(name)
                    ? $"duplicate capability '{name}': it is built in"
                    : $"duplicate capability '{name}'");
            }
        }
    }

    private void CheckCapability(YamlNode node, string path, string capability)
    {
        if (!_capabilities.Contains(capability))
        {
            Error(node, path, $"unknown capability '{capability}': declare it under 'capabilities:' or use one of {string.Join(", ", Capabilities.BuiltIn.Order(StringComparer.Ordinal))}");
        }
    }

    private bool CheckName(YamlScalar key, string path, string what)
    {
        if (NamePattern().IsMatch(key.Value))
        {
            return true;
        }

        Error(key, path, $"'{key.Value}' is not a valid {what} name: use letters, digits, '_', '-' and '.', starting with a letter");
        return false;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,63}$")]
    private static partial Regex LabelPattern();
}
