using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Warden.Policies.Yaml;
using Warden.Resilience.Breakers;

namespace Warden.Policies;

/// <summary>Reads <c>agents:</c>: role, hashed keys, limits.</summary>
internal sealed partial class PolicyReader
{
    private static readonly FrozenSet<string> AgentKeys = FrozenSet.Create(StringComparer.Ordinal, "role", "keys", "limits", "breaker", "description");

    private static readonly FrozenSet<string> LimitKeys =
        FrozenSet.Create(StringComparer.Ordinal, "requests_per_minute", "tool_calls_per_session", "turns_per_session", "concurrent_calls");

    private Dictionary<string, AgentBinding> ReadAgents(YamlNode? node, Dictionary<string, Role> roles)
    {
        var agents = new Dictionary<string, AgentBinding>(StringComparer.Ordinal);
        if (node is null || AsMapping(node, "agents", "agents") is not { } mapping)
        {
            return agents;
        }

        foreach (var (key, value) in NamedEntries(mapping, "agents", "agent"))
        {
            var path = $"agents.{key.Value}";
            if (AsMapping(value, path, $"agent '{key.Value}'") is not { } body)
            {
                continue;
            }

            string? role = null;
            var keys = new List<string>();
            var limits = AgentLimits.None;
            var breaker = BreakerOverrides.None;
            foreach (var (field, fieldNode) in Entries(body, path, AgentKeys))
            {
                var fieldPath = $"{path}.{field}";
                switch (field)
                {
                    case "role":
                        role = AsString(fieldNode, fieldPath);
                        if (role is not null && !roles.ContainsKey(role))
                        {
                            role = Fail<string?>(fieldNode, fieldPath, $"unknown role '{role}'", null);
                        }

                        break;
                    case "keys":
                        keys.AddRange(ReadKeyHashes(fieldNode, fieldPath));
                        break;
                    case "limits":
                        limits = ReadLimits(fieldNode, fieldPath);
                        break;
                    case "breaker":
                        breaker = ReadBreaker(fieldNode, fieldPath);
                        break;
                    case "description":
                        AsString(fieldNode, fieldPath);
                        break;
                }
            }

            if (!body.Entries.Any(e => e.Key.Value == "role"))
            {
                Error(key, path, $"agent '{key.Value}' needs a role (start at {BuiltInRoles.ReaderName})");
            }

            if (role is not null)
            {
                agents[key.Value] = new AgentBinding(key.Value, role, keys, limits) { Breaker = breaker };
            }
        }

        return agents;
    }

    private IEnumerable<string> ReadKeyHashes(YamlNode node, string path)
    {
        foreach (var (hash, hashNode) in AsStringList(node, path))
        {
            if (KeyHashPattern().IsMatch(hash))
            {
                yield return hash.ToLowerInvariant();
            }
            else
            {
                Error(hashNode, path, "an API key is stored as 'sha256:' and 64 hex digits of its SHA-256, never in clear");
            }
        }
    }

    private AgentLimits ReadLimits(YamlNode node, string path)
    {
        var limits = AgentLimits.None;
        if (AsMapping(node, path, "limits") is not { } body)
        {
            return limits;
        }

        foreach (var (field, value) in Entries(body, path, LimitKeys))
        {
            var number = AsPositiveInt(value, $"{path}.{field}");
            limits = field switch
            {
                "requests_per_minute" => limits with { RequestsPerMinute = number },
                "tool_calls_per_session" => limits with { ToolCallsPerSession = number },
                "concurrent_calls" => limits with { ConcurrentCalls = number },
                _ => limits with { TurnsPerSession = number },
            };
        }

        return limits;
    }

    [GeneratedRegex("^sha256:[0-9a-fA-F]{64}$")]
    private static partial Regex KeyHashPattern();
}
