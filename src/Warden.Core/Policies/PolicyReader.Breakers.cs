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
                "loop_repeats" => overrides with { LoopRepeats = Within(AsPositiveInt(value, fieldPath), 2, 64, value, fieldPath, "loop_repeats") },
                "denials" => overrides with { Denials = Within(AsPositiveInt(value, fieldPath), 1, 256, value, fieldPath, "denials") },
                "open_for" => overrides with { OpenFor = AsDuration(value, fieldPath) },
                "loop_window" => overrides with { LoopWindow = AsDuration(value, fieldPath) },
                "denial_window" => overrides with { DenialWindow = AsDuration(value, fieldPath) },
                _ => overrides,
            };
        }

        return overrides;
    }

    /// <summary><paramref name="number"/> when it lies in [min, max] (the windows keep at most that many entries); else an error.</summary>
    private int? Within(int? number, int min, int max, YamlNode node, string path, string what) => number switch
    {
        null => null,
        var n when n >= min && n <= max => n,
        _ => Fail<int?>(node, path, $"{what} must be {min} to {max}", null),
    };
}
