namespace Warden.Resilience.Breakers;

/// <summary>Closed, open or half-open.</summary>
public enum BreakerStatus
{
    /// <summary>Calls go through.</summary>
    Closed,

    /// <summary>Calls are refused until <see cref="BreakerState.RetryAt"/>.</summary>
    Open,

    /// <summary>A bounded number of probe calls go through; a success closes, a failure re-opens.</summary>
    HalfOpen,
}

/// <summary>One recent call, for loop detection: the hash of its tool and canonical arguments, and when.</summary>
public sealed record RecentCall(string Hash, DateTimeOffset At);

/// <summary>
/// The state of one circuit (an agent's, or an agent's use of one tool), as kept in an
/// <see cref="IBreakerStore"/>. Values; <see cref="BreakerMachine"/> computes the next one.
/// </summary>
public sealed record BreakerState
{
    /// <summary>A closed circuit with no history.</summary>
    public static BreakerState Closed(string key) => new() { Key = key };

    /// <summary><c>agent:ID</c> or <c>tool:AGENT/TOOL</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Closed, open or half-open.</summary>
    public BreakerStatus Status { get; init; }

    /// <summary>Failed calls in a row.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>When it last opened.</summary>
    public DateTimeOffset? OpenedAt { get; init; }

    /// <summary>When an open circuit half-opens.</summary>
    public DateTimeOffset? RetryAt { get; init; }

    /// <summary>Probe calls under way while half-open.</summary>
    public int ProbesInFlight { get; init; }

    /// <summary>When the first of the probes under way was let through (a probe lost to a crash expires after the open time).</summary>
    public DateTimeOffset? ProbesSince { get; init; }

    /// <summary>Why it last opened.</summary>
    public string? Reason { get; init; }

    /// <summary>Recent calls within the loop window (tool circuits).</summary>
    public IReadOnlyList<RecentCall> RecentCalls { get; init; } = [];

    /// <summary>Recent denials within the denial window (agent circuits).</summary>
    public IReadOnlyList<DateTimeOffset> RecentDenials { get; init; } = [];

    /// <summary>Times it opened, for metrics and the admin API.</summary>
    public int Trips { get; init; }
}
