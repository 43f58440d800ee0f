namespace Warden.Resilience.Breakers;

/// <summary>
/// The circuit breaker's state machine, as pure functions of a state, the time and the settings:
/// closed → (N consecutive failures, a loop, a burst of denials) → open → (after the open time)
/// half-open with a bounded number of probes → a success closes, a failure opens again.
/// Written here rather than with Polly's circuit breaker because the state must live in a store
/// shared by gateway replicas, which Polly's in-process breaker does not allow.
/// </summary>
public static class BreakerMachine
{
    /// <summary>Whether a call may pass, and the state after admitting it (a probe is counted).</summary>
    public static (BreakerState State, bool Admitted) Admit(BreakerState state, DateTimeOffset now, BreakerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settings);
        switch (state.Status)
        {
            case BreakerStatus.Open when now >= state.RetryAt:
                return (state with { Status = BreakerStatus.HalfOpen, ProbesInFlight = 1, ProbesSince = now }, true);
            case BreakerStatus.Open:
                return (state, false);
            case BreakerStatus.HalfOpen when state.ProbesInFlight < settings.Probes:
                return (state with { ProbesInFlight = state.ProbesInFlight + 1, ProbesSince = state.ProbesInFlight == 0 ? now : state.ProbesSince }, true);
            case BreakerStatus.HalfOpen when state.ProbesSince is { } since && now - since >= settings.OpenFor:
                // The probes under way never reported (their process died): they are given up and a new one goes.
                return (state with { ProbesInFlight = 1, ProbesSince = now }, true);
            case BreakerStatus.HalfOpen:
                return (state, false);
            default:
                return (state, true);
        }
    }

    /// <summary>How long until a refused call may be tried again.</summary>
    public static TimeSpan RetryAfter(BreakerState state, DateTimeOffset now, BreakerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settings);
        return state.Status == BreakerStatus.Open && state.RetryAt is { } at && at > now
            ? at - now
            : TimeSpan.FromSeconds(1); // half-open with every probe slot taken: soon
    }

    /// <summary>Notes a call for loop detection; opens the circuit when the same call repeats too often.</summary>
    public static BreakerState RecordCall(BreakerState state, string callHash, DateTimeOffset now, BreakerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settings);
        var recent = state.RecentCalls.Where(c => now - c.At < settings.LoopWindow).TakeLast(64).Append(new RecentCall(callHash, now)).ToList();
        var repeats = recent.Count(c => c.Hash == callHash);
        var next = state with { RecentCalls = recent };
        return repeats >= settings.LoopRepeats && state.Status != BreakerStatus.Open
            ? Open(next, now, settings, $"loop: the same call {repeats} times within {settings.LoopWindow.TotalSeconds:0} s")
            : next;
    }

    /// <summary>Notes a denial of the agent's call; opens the circuit on a burst of them.</summary>
    public static BreakerState RecordDenial(BreakerState state, DateTimeOffset now, BreakerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settings);
        var recent = state.RecentDenials.Where(d => now - d < settings.DenialWindow).TakeLast(256).Append(now).ToList();
        var next = state with { RecentDenials = recent };
        return recent.Count >= settings.Denials && state.Status != BreakerStatus.Open
            ? Open(next with { RecentDenials = [] }, now, settings, $"{recent.Count} denials within {settings.DenialWindow.TotalSeconds:0} s")
            : next;
    }

    /// <summary>Notes how an admitted call ended: a success closes, a failure counts (and re-opens a half-open circuit).</summary>
    public static BreakerState RecordOutcome(BreakerState state, bool succeeded, DateTimeOffset now, BreakerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settings);
        if (succeeded)
        {
            // A probe's success closes a half-open circuit; a late success of a call admitted before the
            // circuit opened (by a loop, a burst of denials, parallel failures) leaves an open one open.
            // A closed circuit with nothing to clear stays the same value, so stores need not write it.
            return state.Status == BreakerStatus.Open || (state is { Status: BreakerStatus.Closed, ConsecutiveFailures: 0, ProbesInFlight: 0, ProbesSince: null, RetryAt: null })
                ? state
                : state with { Status = BreakerStatus.Closed, ConsecutiveFailures = 0, ProbesInFlight = 0, ProbesSince = null, RetryAt = null };
        }

        var failures = state.ConsecutiveFailures + 1;
        return state.Status == BreakerStatus.HalfOpen
            ? Open(state with { ConsecutiveFailures = failures }, now, settings, "the probe call failed")
            : failures >= settings.Failures && state.Status == BreakerStatus.Closed
                ? Open(state with { ConsecutiveFailures = failures }, now, settings, $"{failures} consecutive failures")
                : state with { ConsecutiveFailures = failures };
    }

    /// <summary>Gives back a probe slot taken by a call that never reached the tool.</summary>
    public static BreakerState ReleaseProbe(BreakerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Status == BreakerStatus.HalfOpen && state.ProbesInFlight > 0
            ? state with { ProbesInFlight = state.ProbesInFlight - 1, ProbesSince = state.ProbesInFlight == 1 ? null : state.ProbesSince }
            : state;
    }

    /// <summary>Closes the circuit by hand (the admin API's reset).</summary>
    public static BreakerState Reset(BreakerState state) =>
        BreakerState.Closed(state.Key) with { Trips = state.Trips };

    private static BreakerState Open(BreakerState state, DateTimeOffset now, BreakerSettings settings, string reason) => state with
    {
        Status = BreakerStatus.Open,
        OpenedAt = now,
        RetryAt = now + settings.OpenFor,
        ProbesInFlight = 0,
        ProbesSince = null,
        Reason = reason,
        Trips = state.Trips + 1,
    };
}
