using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace Warden.Auditing.Anomalies;

/// <summary>
/// Watches the audit event stream, per agent, for behaviour unlike the agent's own history: a rate of
/// tool calls far above its baseline (two EWMAs over irregular events), a burst of failures or of
/// denials, the first call of a tool it never called, activity in an hour of the day it was never
/// active. Each anomaly is an <see cref="AuditEventType.Anomaly"/> event carrying its evidence; it
/// informs, it does not block. Thread-safe; the time is the events' own, so replaying a log gives the
/// same anomalies.
/// </summary>
public sealed class AnomalyDetector(AnomalySettings settings)
{
    /// <summary>The stage name anomaly events carry.</summary>
    public const string StageName = "anomaly";

    private readonly ConcurrentDictionary<string, AgentActivity> _agents = new(StringComparer.Ordinal);
    private volatile AnomalySettings _settings = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <summary>The settings in force; replaced when the policy changes.</summary>
    public AnomalySettings Settings
    {
        get => _settings;
        set => _settings = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>How many agents have a history.</summary>
    public int AgentCount => _agents.Count;

    /// <summary>Learns from <paramref name="auditEvent"/> and returns the anomalies it shows (usually none).</summary>
    public IReadOnlyList<AuditEvent> Observe(AuditEvent auditEvent) => Observe(auditEvent, raise: true);

    /// <summary>Learns from past events (a log read back on start) without raising anything.</summary>
    public void Learn(IEnumerable<AuditEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        foreach (var auditEvent in history)
        {
            Observe(auditEvent, raise: false);
        }
    }

    private IReadOnlyList<AuditEvent> Observe(AuditEvent auditEvent, bool raise)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var settings = _settings;
        if (!raise && auditEvent.Type == AuditEventType.Anomaly && auditEvent.AgentId.Length > 0)
        {
            RememberRaised(auditEvent);
            return [];
        }

        if (!settings.Enabled || auditEvent.Type is AuditEventType.Anomaly or AuditEventType.PolicyChange || auditEvent.AgentId.Length == 0)
        {
            return [];
        }

        var at = auditEvent.Timestamp;
        var activity = _agents.GetOrAdd(auditEvent.AgentId, static (_, first) => new AgentActivity(first), at);
        List<AuditEvent>? anomalies = null;
        void Raise(string key, string rule, string reason, Dictionary<string, object?> evidence)
        {
            if (!raise || (activity.Raised.TryGetValue(key, out var last) && at - last < settings.Cooldown))
            {
                return;
            }

            activity.Raised[key] = at;
            evidence["trigger"] = auditEvent.Id;
            evidence["trigger_type"] = auditEvent.Type.ToString();
            evidence["trigger_decision"] = DecisionNames.Of(auditEvent.Decision);
            (anomalies ??= []).Add(new AuditEvent
            {
                Id = Guid.CreateVersion7(at).ToString("N"),
                Timestamp = at,
                Type = AuditEventType.Anomaly,
                AgentId = auditEvent.AgentId,
                SessionId = auditEvent.SessionId,
                Tool = auditEvent.Tool,
                Decision = DecisionKind.Allow,
                Stage = StageName,
                Rule = rule,
                Reason = reason,
                Evidence = JsonSerializer.SerializeToElement(evidence),
            });
        }

        lock (activity.Sync)
        {
            if (at < activity.FirstSeen)
            {
                activity.FirstSeen = at;
            }

            var learned = at - activity.FirstSeen >= settings.Learning;
            if (auditEvent.Tool is { } tool)
            {
                ObserveRate(activity, auditEvent.AgentId, at, settings, learned, Raise);
                if (activity.Tools.Add(tool) && learned && settings.NewTool)
                {
                    Raise($"new_tool:{tool}", "anomaly.new_tool", $"agent '{auditEvent.AgentId}' called '{tool}' for the first time, after {activity.Tools.Count - 1} other tools in {Describe(at - activity.FirstSeen)} of history", new()
                    {
                        ["tool"] = tool,
                        ["known_tools"] = activity.Tools.Where(t => t != tool).Order(StringComparer.Ordinal).ToArray(),
                        ["history_seconds"] = (long)(at - activity.FirstSeen).TotalSeconds,
                    });
                }
            }

            if (auditEvent.Type == AuditEventType.Error)
            {
                ObserveBurst(activity.Failures, at, settings.FailureWindow, settings.Failures, "failures", "failed calls", auditEvent.AgentId, Raise);
            }

            if (auditEvent.Decision == DecisionKind.Deny)
            {
                ObserveBurst(activity.Denials, at, settings.DenialWindow, settings.Denials, "denials", "denied calls", auditEvent.AgentId, Raise);
            }

            var hour = at.UtcDateTime.Hour;
            if (settings.Hours && learned && at - activity.FirstSeen >= TimeSpan.FromDays(1) && activity.Events >= settings.HoursMinimum && activity.Hours[hour] == 0)
            {
                var active = Enumerable.Range(0, 24).Where(h => activity.Hours[h] > 0).ToArray();
                Raise("hours", "anomaly.hours", $"agent '{auditEvent.AgentId}' is active at {hour:00}:00 UTC, an hour in which none of its {activity.Events} earlier events fell", new()
                {
                    ["hour_utc"] = hour,
                    ["history_events"] = activity.Events,
                    ["active_hours_utc"] = active,
                });
            }

            activity.Hours[hour]++;
            activity.Events++;
        }

        return anomalies ?? (IReadOnlyList<AuditEvent>)[];
    }

    /// <summary>An anomaly read back from the log starts its cooldown again, so a restart does not repeat it at once.</summary>
    private void RememberRaised(AuditEvent anomaly)
    {
        var kind = anomaly.Rule.StartsWith("anomaly.", StringComparison.Ordinal) ? anomaly.Rule["anomaly.".Length..] : anomaly.Rule;
        var key = kind == "new_tool" ? $"new_tool:{anomaly.Tool}" : kind;
        var activity = _agents.GetOrAdd(anomaly.AgentId, static (_, first) => new AgentActivity(first), anomaly.Timestamp);
        lock (activity.Sync)
        {
            if (!activity.Raised.TryGetValue(key, out var last) || last < anomaly.Timestamp)
            {
                activity.Raised[key] = anomaly.Timestamp;
            }
        }
    }

    /// <summary>Updates the two decayed counts of tool calls and raises when the current rate is far above the baseline.</summary>
    private static void ObserveRate(AgentActivity activity, string agentId, DateTimeOffset at, AnomalySettings settings, bool learned, Action<string, string, string, Dictionary<string, object?>> raise)
    {
        // An event older than the last (several writers) decays nothing: it counts as if at the last time.
        var elapsed = Math.Max(0, (at - activity.RateAt).TotalSeconds);
        activity.Current = (activity.Current * Math.Exp(-elapsed / settings.RateWindow.TotalSeconds)) + 1;
        activity.Baseline = (activity.Baseline * Math.Exp(-elapsed / settings.BaselineWindow.TotalSeconds)) + 1;
        if (at > activity.RateAt)
        {
            activity.RateAt = at;
        }

        // A decayed count over a time constant of T minutes estimates the rate times T.
        var current = activity.Current / settings.RateWindow.TotalMinutes;
        var baseline = activity.Baseline / settings.BaselineWindow.TotalMinutes;
        if (learned && current >= settings.RateMinimum && current > settings.RateFactor * baseline)
        {
            raise("rate", "anomaly.rate", string.Create(CultureInfo.InvariantCulture, $"agent '{agentId}' calls tools at {current:0.#}/min, {current / baseline:0.#}× its baseline of {baseline:0.##}/min (threshold {settings.RateFactor}×, at least {settings.RateMinimum}/min)"), new()
            {
                ["rate_per_minute"] = Math.Round(current, 2),
                ["baseline_per_minute"] = Math.Round(baseline, 2),
                ["factor"] = settings.RateFactor,
                ["minimum_per_minute"] = settings.RateMinimum,
            });
        }
    }

    private static void ObserveBurst(Queue<DateTimeOffset> window, DateTimeOffset at, TimeSpan span, int threshold, string kind, string what, string agentId, Action<string, string, string, Dictionary<string, object?>> raise)
    {
        window.Enqueue(at);
        while (window.Count > 0 && at - window.Peek() > span)
        {
            window.Dequeue();
        }

        while (window.Count > threshold)
        {
            window.Dequeue(); // the window need not hold more than the threshold
        }

        if (window.Count >= threshold)
        {
            raise(kind, $"anomaly.{kind}", $"agent '{agentId}' had {window.Count} {what} within {Describe(at - window.Peek())} (threshold {threshold} within {Describe(span)})", new()
            {
                ["count"] = window.Count,
                ["within_seconds"] = Math.Round((at - window.Peek()).TotalSeconds, 3),
                ["threshold"] = threshold,
                ["window_seconds"] = span.TotalSeconds,
            });
        }
    }

    private static string Describe(TimeSpan span) => span.TotalSeconds < 120
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s")
        : span.TotalHours < 2 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0.#} min")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} h");
}
