using System.Collections.Frozen;
using System.Globalization;
using Warden.Auditing.Anomalies;
using Warden.Policies.Yaml;

namespace Warden.Policies;

/// <summary>Reads the <c>anomalies:</c> block.</summary>
internal sealed partial class PolicyReader
{
    private static readonly FrozenSet<string> AnomalyKeys = FrozenSet.Create(
        StringComparer.Ordinal,
        "enabled", "learning", "rate_window", "baseline_window", "rate_factor", "rate_minimum", "failures", "failure_window",
        "denials", "denial_window", "new_tool", "hours", "hours_minimum", "cooldown");

    private AnomalySettings ReadAnomalies(YamlNode? node)
    {
        var settings = AnomalySettings.Default;
        if (node is null || AsMapping(node, "anomalies", "anomalies") is not { } body)
        {
            return settings;
        }

        foreach (var (field, value) in Entries(body, "anomalies", AnomalyKeys))
        {
            var path = $"anomalies.{field}";
            settings = field switch
            {
                "enabled" => AsBool(value, path) is { } enabled ? settings with { Enabled = enabled } : settings,
                "new_tool" => AsBool(value, path) is { } newTool ? settings with { NewTool = newTool } : settings,
                "hours" => AsBool(value, path) is { } hours ? settings with { Hours = hours } : settings,
                "learning" => AsDurationOrZero(value, path) is { } learning ? settings with { Learning = learning } : settings,
                "rate_window" => AsDuration(value, path) is { } rateWindow ? settings with { RateWindow = rateWindow } : settings,
                "baseline_window" => AsDuration(value, path) is { } baselineWindow ? settings with { BaselineWindow = baselineWindow } : settings,
                "failure_window" => AsDuration(value, path) is { } failureWindow ? settings with { FailureWindow = failureWindow } : settings,
                "denial_window" => AsDuration(value, path) is { } denialWindow ? settings with { DenialWindow = denialWindow } : settings,
                "cooldown" => AsDurationOrZero(value, path) is { } cooldown ? settings with { Cooldown = cooldown } : settings,
                "rate_factor" => AsPositiveNumber(value, path) is { } factor ? settings with { RateFactor = factor } : settings,
                "rate_minimum" => AsPositiveNumber(value, path) is { } minimum ? settings with { RateMinimum = minimum } : settings,
                "failures" => Within(AsPositiveInt(value, path), 1, 1000, value, path, "failures") is { } failures ? settings with { Failures = failures } : settings,
                "denials" => Within(AsPositiveInt(value, path), 1, 1000, value, path, "denials") is { } denials ? settings with { Denials = denials } : settings,
                "hours_minimum" => AsPositiveInt(value, path) is { } hoursMinimum ? settings with { HoursMinimum = hoursMinimum } : settings,
                _ => settings,
            };
        }

        if (settings.BaselineWindow <= settings.RateWindow)
        {
            Error(node, "anomalies.baseline_window", $"baseline_window ({settings.BaselineWindow}) must be longer than rate_window ({settings.RateWindow})");
        }

        return settings;
    }

    private bool? AsBool(YamlNode node, string path) => AsString(node, path) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var text => Fail<bool?>(node, path, $"expected true or false, not '{text}'", null),
    };

    private double? AsPositiveNumber(YamlNode node, string path) => AsString(node, path) switch
    {
        null => null,
        var text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0 && double.IsFinite(number) => number,
        var text => Fail<double?>(node, path, $"expected a number above 0, not '{text}'", null),
    };

    /// <summary>A duration that may be zero (<c>0</c> or <c>0s</c>: no learning period, no cooldown).</summary>
    private TimeSpan? AsDurationOrZero(YamlNode node, string path) =>
        AsString(node, path) is "0" or "0s" or "0m" or "0h" or "0ms" ? TimeSpan.Zero : AsDuration(node, path);
}
