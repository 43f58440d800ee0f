namespace Warden.Auditing.Anomalies;

/// <summary>
/// How <see cref="AnomalyDetector"/> judges each agent's behaviour against its own history: the
/// policy's <c>anomalies:</c> block, each field defaulting to the value here.
/// </summary>
public sealed record AnomalySettings
{
    /// <summary>The settings a policy without <c>anomalies:</c> gets.</summary>
    public static AnomalySettings Default { get; } = new();

    /// <summary>Whether anomalies are looked for at all: true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// How long after an agent's first event its history counts as a baseline: 1 hour. Rate, new-tool
    /// and unusual-hour anomalies wait for it; bursts of failures and denials do not.
    /// </summary>
    public TimeSpan Learning { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The current rate of tool calls is an EWMA over this time constant: 1 minute.</summary>
    public TimeSpan RateWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The agent's baseline rate is an EWMA over this time constant: 1 hour.</summary>
    public TimeSpan BaselineWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The current rate is anomalous above this many times the baseline: 5.</summary>
    public double RateFactor { get; init; } = 5;

    /// <summary>...and only at or above this many calls a minute: 30.</summary>
    public double RateMinimum { get; init; } = 30;

    /// <summary>This many failed calls (ERROR events) within <see cref="FailureWindow"/> are a burst: 5.</summary>
    public int Failures { get; init; } = 5;

    /// <summary>The window of <see cref="Failures"/>: 1 minute.</summary>
    public TimeSpan FailureWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>This many denied calls within <see cref="DenialWindow"/> are a burst: 5.</summary>
    public int Denials { get; init; } = 5;

    /// <summary>The window of <see cref="Denials"/>: 1 minute.</summary>
    public TimeSpan DenialWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether the first call of a tool the agent never called is an anomaly: true.</summary>
    public bool NewTool { get; init; } = true;

    /// <summary>Whether a call in an hour of the day (UTC) in which the agent was never active is an anomaly: true.</summary>
    public bool Hours { get; init; } = true;

    /// <summary>Unusual hours are judged only once the agent has this many events, over at least a day: 200.</summary>
    public int HoursMinimum { get; init; } = 200;

    /// <summary>The same anomaly of the same agent is raised at most once in this time: 5 minutes.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromMinutes(5);
}
