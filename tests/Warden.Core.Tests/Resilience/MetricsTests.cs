using System.Diagnostics.Metrics;
using Warden.Resilience.Metrics;
using Warden.Tests.Support;

namespace Warden.Tests.Resilience;

public sealed class MetricsTests
{
    [Fact]
    public async Task Per_agent_turns_success_rate_times_and_errors_by_kind()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(GateHarness.Start);
        var runs = new int[1];
        var harness = new ResilientHarness("""
            agents:
              agent: { role: READER }
            tools:
              mixed: { capability: documents.read }
              wipe: { capability: documents.delete }
            """, [ResilientHarness.Scripted("mixed", run => run % 4 == 0, runs)], time: clock);
        await harness.Gate.InspectInputAsync(new Principal("agent"), "s1", "go", GateHarness.Ct);
        for (var i = 0; i < 8; i++)
        {
            await harness.InvokeAsync("mixed", $$"""{"i": {{i}}}""");
        }

        await harness.InvokeAsync("wipe");

        var metrics = harness.Gate.Metrics.For("agent");
        Assert.Equal((1L, 8L, 0.75), (metrics.Turns, metrics.ToolCalls, metrics.SuccessRate));
        Assert.Equal(2, metrics.Errors["failed"]);
        Assert.Equal(1, metrics.Errors.Single(e => e.Key.StartsWith("deny:", StringComparison.Ordinal)).Value);
        Assert.True(metrics.P95Response >= metrics.MeanResponse || metrics.MeanResponse == TimeSpan.Zero);
    }

    [Fact]
    public async Task The_meter_publishes_calls_for_an_opentelemetry_listener()
    {
        // Other tests' gates publish on the same meter from other threads while this one runs.
        var seen = new System.Collections.Concurrent.ConcurrentBag<(string Instrument, long Value)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == GateMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => seen.Add((instrument.Name, value)));
        listener.Start();
        var harness = new ResilientHarness("""
            agents:
              agent: { role: READER }
            tools:
              ok: { capability: documents.read }
            """, [ResilientHarness.Scripted("ok", _ => false, new int[1])]);

        await harness.InvokeAsync("ok");

        Assert.Contains(("warden.tool_calls", 1L), seen);
    }
}
