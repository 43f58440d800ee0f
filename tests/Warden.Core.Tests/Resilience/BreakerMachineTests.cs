using Microsoft.Extensions.Time.Testing;
using Warden.Resilience.Breakers;

namespace Warden.Tests.Resilience;

public sealed class BreakerMachineTests
{
    private static readonly BreakerSettings Settings = BreakerSettings.Default;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Ten_consecutive_failures_open_the_circuit_and_a_success_in_between_resets_the_count()
    {
        var state = BreakerState.Closed("agent:a");
        for (var i = 0; i < 9; i++)
        {
            state = BreakerMachine.RecordOutcome(state, succeeded: false, _time.GetUtcNow(), Settings);
        }

        state = BreakerMachine.RecordOutcome(state, succeeded: true, _time.GetUtcNow(), Settings);
        Assert.Equal((BreakerStatus.Closed, 0), (state.Status, state.ConsecutiveFailures));

        for (var i = 0; i < 10; i++)
        {
            state = BreakerMachine.RecordOutcome(state, succeeded: false, _time.GetUtcNow(), Settings);
        }

        Assert.Equal(BreakerStatus.Open, state.Status);
        Assert.Equal("10 consecutive failures", state.Reason);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(60), state.RetryAt);
        Assert.Equal(1, state.Trips);
    }

    [Fact]
    public void An_open_circuit_refuses_until_60_s_then_half_opens_for_a_bounded_number_of_probes()
    {
        var state = Open();

        var (refused, admitted) = BreakerMachine.Admit(state, _time.GetUtcNow(), Settings);
        Assert.False(admitted);
        Assert.Equal(TimeSpan.FromSeconds(60), BreakerMachine.RetryAfter(refused, _time.GetUtcNow(), Settings));

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(BreakerMachine.Admit(state, _time.GetUtcNow(), Settings).Admitted);
        Assert.Equal(TimeSpan.FromSeconds(1), BreakerMachine.RetryAfter(state, _time.GetUtcNow(), Settings));

        _time.Advance(TimeSpan.FromSeconds(1));
        var (probing, first) = BreakerMachine.Admit(state, _time.GetUtcNow(), Settings with { Probes = 2 });
        var (full, second) = BreakerMachine.Admit(probing, _time.GetUtcNow(), Settings with { Probes = 2 });
        var (_, third) = BreakerMachine.Admit(full, _time.GetUtcNow(), Settings with { Probes = 2 });
        Assert.Equal((true, true, false), (first, second, third));
        Assert.Equal((BreakerStatus.HalfOpen, 2), (full.Status, full.ProbesInFlight));
    }

    [Fact]
    public void A_probe_success_closes_and_a_probe_failure_opens_again_for_another_60_s()
    {
        _time.Advance(TimeSpan.FromSeconds(61));
        var (probing, _) = BreakerMachine.Admit(Open(at: _time.GetUtcNow() - TimeSpan.FromSeconds(61)), _time.GetUtcNow(), Settings);

        var closed = BreakerMachine.RecordOutcome(probing, succeeded: true, _time.GetUtcNow(), Settings);
        var reopened = BreakerMachine.RecordOutcome(probing, succeeded: false, _time.GetUtcNow(), Settings);

        Assert.Equal((BreakerStatus.Closed, 0, 0), (closed.Status, closed.ConsecutiveFailures, closed.ProbesInFlight));
        Assert.Equal(BreakerStatus.Open, reopened.Status);
        Assert.Equal("the probe call failed", reopened.Reason);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(60), reopened.RetryAt);
        Assert.Equal(2, reopened.Trips);
    }

    [Fact]
    public void The_same_call_repeated_within_the_window_is_a_loop_but_spread_out_it_is_not()
    {
        var settings = Settings with { LoopRepeats = 3, LoopWindow = TimeSpan.FromSeconds(10) };
        var state = BreakerState.Closed("tool:a/search");
        state = BreakerMachine.RecordCall(state, "h1", _time.GetUtcNow(), settings);
        _time.Advance(TimeSpan.FromSeconds(6));
        state = BreakerMachine.RecordCall(state, "h2", _time.GetUtcNow(), settings);
        state = BreakerMachine.RecordCall(state, "h1", _time.GetUtcNow(), settings);
        _time.Advance(TimeSpan.FromSeconds(5)); // the first h1 is now out of the window
        state = BreakerMachine.RecordCall(state, "h1", _time.GetUtcNow(), settings);
        Assert.Equal(BreakerStatus.Closed, state.Status);

        state = BreakerMachine.RecordCall(state, "h1", _time.GetUtcNow(), settings);
        Assert.Equal(BreakerStatus.Open, state.Status);
        Assert.Equal("loop: the same call 3 times within 10 s", state.Reason);
    }

    [Fact]
    public void A_burst_of_denials_opens_the_agents_circuit()
    {
        var settings = Settings with { Denials = 3, DenialWindow = TimeSpan.FromSeconds(30) };
        var state = BreakerState.Closed("agent:a");
        state = BreakerMachine.RecordDenial(state, _time.GetUtcNow(), settings);
        state = BreakerMachine.RecordDenial(state, _time.GetUtcNow(), settings);
        _time.Advance(TimeSpan.FromSeconds(31));
        state = BreakerMachine.RecordDenial(state, _time.GetUtcNow(), settings);
        Assert.Equal(BreakerStatus.Closed, state.Status);

        state = BreakerMachine.RecordDenial(state, _time.GetUtcNow(), settings);
        state = BreakerMachine.RecordDenial(state, _time.GetUtcNow(), settings);
        Assert.Equal(BreakerStatus.Open, state.Status);
        Assert.Equal("3 denials within 30 s", state.Reason);
    }

    [Fact]
    public void A_released_probe_slot_can_be_taken_again_and_reset_closes_by_hand()
    {
        _time.Advance(TimeSpan.FromSeconds(61));
        var (probing, _) = BreakerMachine.Admit(Open(at: _time.GetUtcNow() - TimeSpan.FromSeconds(61)), _time.GetUtcNow(), Settings);
        var released = BreakerMachine.ReleaseProbe(probing);

        Assert.Equal(0, released.ProbesInFlight);
        Assert.True(BreakerMachine.Admit(released, _time.GetUtcNow(), Settings).Admitted);
        Assert.Equal(BreakerStatus.Closed, BreakerMachine.Reset(probing).Status);
        Assert.Equal(1, BreakerMachine.Reset(probing).Trips);
    }

    [Fact]
    public void A_late_success_does_not_close_an_open_circuit_and_a_lost_probe_expires()
    {
        var open = Open();
        Assert.Equal(BreakerStatus.Open, BreakerMachine.RecordOutcome(open, succeeded: true, _time.GetUtcNow(), Settings).Status);

        _time.Advance(TimeSpan.FromSeconds(60));
        var (probing, _) = BreakerMachine.Admit(open, _time.GetUtcNow(), Settings);
        Assert.False(BreakerMachine.Admit(probing, _time.GetUtcNow(), Settings).Admitted); // the probe's process died: no report
        _time.Advance(TimeSpan.FromSeconds(60));
        var (retried, admitted) = BreakerMachine.Admit(probing, _time.GetUtcNow(), Settings);
        Assert.True(admitted);
        Assert.Equal((BreakerStatus.HalfOpen, 1, _time.GetUtcNow()), (retried.Status, retried.ProbesInFlight, retried.ProbesSince!.Value));
    }

    private BreakerState Open(DateTimeOffset? at = null)
    {
        var state = BreakerState.Closed("agent:a");
        for (var i = 0; i < 10; i++)
        {
            state = BreakerMachine.RecordOutcome(state, succeeded: false, at ?? _time.GetUtcNow(), Settings);
        }

        return state;
    }
}
