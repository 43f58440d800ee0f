using System.Collections.Frozen;
using Warden.Policies.Yaml;

namespace Warden.Policies;

/// <summary>Reads the <c>gateway:</c> block.</summary>
internal sealed partial class PolicyReader
{
    /// <summary>The roles <c>gateway.jwt.roles</c> names, checked against the policy's roles once they are read.</summary>
    private readonly List<(string Role, YamlNode Node)> _tokenRoles = [];
    private static readonly FrozenSet<string> GatewayKeys = FrozenSet.Create(StringComparer.Ordinal, "requests_per_minute_per_ip", "approval_expiry", "admins", "jwt");

    private static readonly FrozenSet<string> JwtKeys = FrozenSet.Create(StringComparer.Ordinal, "issuer", "audience", "keys", "agent_claim", "role_claim", "roles");

    private GatewaySettings ReadGateway(YamlNode? node)
    {
        var settings = GatewaySettings.Default;
        if (node is null || AsMapping(node, "gateway", "gateway") is not { } body)
        {
            return settings;
        }

        foreach (var (field, value) in Entries(body, "gateway", GatewayKeys))
        {
            settings = field switch
            {
                "requests_per_minute_per_ip" => settings with { RequestsPerMinutePerIp = AsPositiveInt(value, "gateway.requests_per_minute_per_ip") },
                "approval_expiry" => AsDuration(value, "gateway.approval_expiry") is { } expiry ? settings with { ApprovalExpiry = expiry } : settings,
                "admins" => settings with { Admins = ReadAdmins(value) },
                "jwt" => settings with { Jwt = ReadJwt(value) },
                _ => settings,
            };
        }

        return settings;
    }

    private JwtSettings? ReadJwt(YamlNode node)
    {
        if (AsMapping(node, "gateway.jwt", "jwt") is not { } body)
        {
            return null;
        }

        string? issuer = null, audience = null, agentClaim = null, roleClaim = null;
        var keys = new List<string>();
        var roles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (field, value) in Entries(body, "gateway.jwt", JwtKeys))
        {
            var path = $"gateway.jwt.{field}";
            switch (field)
            {
                case "issuer": issuer = AsString(value, path); break;
                case "audience": audience = AsString(value, path); break;
                case "agent_claim": agentClaim = AsString(value, path); break;
                case "role_claim": roleClaim = AsString(value, path); break;
                case "keys": keys.AddRange(AsStringList(value, path, allowSingle: true).Select(k => k.Value)); break;
                case "roles":
                    foreach (var (role, roleNode) in AsStringList(value, path, allowSingle: true))
                    {
                        roles.Add(role);
                        _tokenRoles.Add((role, roleNode));
                    }

                    break;
            }
        }

        foreach (var (required, present) in new[] { ("issuer", issuer), ("audience", audience) })
        {
            if (present is null && !body.Entries.Any(e => e.Key.Value == required))
            {
                Error(node, "gateway.jwt", $"jwt needs {required}");
            }
        }

        if (keys.Count == 0)
        {
            Error(node, "gateway.jwt", "jwt needs keys: the PEM files of the public keys tokens are signed with");
        }

        return issuer is null || audience is null || keys.Count == 0 ? null : new JwtSettings(issuer, audience, keys)
        {
            AgentClaim = agentClaim ?? "sub",
            RoleClaim = roleClaim ?? "warden_role",
            Roles = roles,
        };
    }

    /// <summary><c>admins: { alice: ["sha256:HEX"] }</c>: each administrator's keys, hashed.</summary>
    private Dictionary<string, IReadOnlyList<string>> ReadAdmins(YamlNode node)
    {
        var admins = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (AsMapping(node, "gateway.admins", "admins") is not { } mapping)
        {
            return admins;
        }

        foreach (var (key, value) in NamedEntries(mapping, "gateway.admins", "administrator"))
        {
            admins[key.Value] = ReadKeyHashes(value, $"gateway.admins.{key.Value}").ToList();
        }

        return admins;
    }

    /// <summary>A key opens one door: it may not belong to two agents, nor to an agent and an administrator (who could approve its own holds).</summary>
    private void CheckKeysAreUnique(IReadOnlyDictionary<string, AgentBinding> agents, GatewaySettings gateway, IReadOnlyDictionary<string, YamlNode> sections)
    {
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var place = sections.GetValueOrDefault("agents") ?? sections.GetValueOrDefault("gateway");
        foreach (var (owner, digests) in agents.Values.Select(a => ($"agent '{a.Name}'", a.KeyHashes)).Concat(gateway.Admins.Select(a => ($"administrator '{a.Key}'", a.Value))))
        {
            foreach (var digest in digests)
            {
                if (owners.TryGetValue(digest, out var first) && first != owner)
                {
                    Error(place!, "keys", $"{owner} and {first} have the same key ({digest[..Math.Min(digest.Length, 15)]}…): give each its own");
                }
                else
                {
                    owners[digest] = owner;
                }
            }
        }
    }
}
