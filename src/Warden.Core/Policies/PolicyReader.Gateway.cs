using System.Collections.Frozen;
using Warden.Policies.Yaml;

namespace Warden.Policies;

/// <summary>Reads the <c>gateway:</c> block.</summary>
internal sealed partial class PolicyReader
{
    private static readonly FrozenSet<string> GatewayKeys = FrozenSet.Create(StringComparer.Ordinal, "requests_per_minute_per_ip");

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
                _ => settings,
            };
        }

        return settings;
    }
}
