using System.Collections.Frozen;
using Warden.Policies.Yaml;
using Warden.Resilience.Breakers;

namespace Warden.Policies;

/// <summary>Reads a <c>breaker:</c> block (top level, in an agent, in a tool).</summary>
internal sealed partial class PolicyReader
{
    private static readonly FrozenSet<string> BreakerKeys = FrozenSet.Create(
        StringComparer.Ordinal, "failures", "open_for", "probes", "loop_repeats", "loop_window", "denials", "denial_window");

    private BreakerOverrides ReadBreaker(YamlNode node, string path)
    {
        var overrides = BreakerOverrides.None;
        if (AsMapping(node, path, "breaker") is not { } body)
        {
            return overrides;
        }

        foreach (var (field, value) in Entries(body, path, BreakerKeys))
        {
            var fieldPath = $"{path}.{field}";
            overrides = field switch
            {
                "failures" => overrides with { Failures = AsPositiveInt(value, fieldPath) },
                "probes" => overrides with { Probes = AsPositiveInt(value, fieldPath) },
                "loop_repeats" => overrides with { LoopRepeats = AsPositiveInt(value, fieldPath) is { } n && n >= 2 ? n : Fail<int?>(value, fieldPath, "loop_repeats must be at least 2", null) },
                "denials" => overrides with { Denials = AsPositiveInt(value, fieldPath) },
                "open_for" => overrides with { OpenFor = AsDuration(value, fieldPath) },
                "loop_window" => overrides with { LoopWindow = AsDuration(value, fieldPath) },
                "denial_window" => overrides with { DenialWindow = AsDuration(value, fieldPath) },
                _ => overrides,
            };
        }

        return overrides;
    }
}
