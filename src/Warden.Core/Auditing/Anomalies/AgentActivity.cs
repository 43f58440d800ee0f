namespace Warden.Auditing.Anomalies;

/// <summary>What <see cref="AnomalyDetector"/> remembers of one agent. Guarded by its own lock.</summary>
internal sealed class AgentActivity(DateTimeOffset firstSeen)
{
    public Lock Sync { get; } = new();

    /// <summary>The earliest event seen (history may be read back out of order).</summary>
    public DateTimeOffset FirstSeen { get; set; } = firstSeen;

    /// <summary>Decayed counts of tool calls over the rate and the baseline windows, as of <see cref="RateAt"/>.</summary>
    public double Current { get; set; }

    public double Baseline { get; set; }

    public DateTimeOffset RateAt { get; set; } = firstSeen;

    public HashSet<string> Tools { get; } = new(StringComparer.Ordinal);

    /// <summary>Events by hour of the day (UTC).</summary>
    public long[] Hours { get; } = new long[24];

    public long Events { get; set; }

    public Queue<DateTimeOffset> Failures { get; } = new();

    public Queue<DateTimeOffset> Denials { get; } = new();

    /// <summary>When each anomaly (by key) was last raised, for the cooldown.</summary>
    public Dictionary<string, DateTimeOffset> Raised { get; } = new(StringComparer.Ordinal);
}
