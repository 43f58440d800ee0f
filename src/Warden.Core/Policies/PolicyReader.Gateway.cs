using System.Collections.Frozen;
using Warden.Policies.Yaml;

namespace Warden.Policies;

/// <summary>Reads the <c>gateway:</c> block.</summary>
internal sealed partial class PolicyReader
{
    private static readonly FrozenSet<string> GatewayKeys = FrozenSet.Create(StringComparer.Ordinal, "requests_per_minute_per_ip", "approval_expiry", "admins");

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
                _ => settings,
            };
        }

        return settings;
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
