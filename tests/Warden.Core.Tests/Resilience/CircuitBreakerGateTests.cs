using Warden.Auditing;
using Warden.Tests.Support;
using Warden.Tools;

namespace Warden.Tests.Resilience;

public sealed class CircuitBreakerGateTests
{
    private const string Policy = """
        agents:
          agent: { role: READER }
        tools:
          flaky: { capability: documents.read }
          steady: { capability: documents.read }
          search:
            capability: documents.read
            breaker: { loop_repeats: 3, loop_window: 1m }
        """;

    [Fact]
    public async Task Ten_failures_open_the_circuit_which_refuses_with_a_retry_after_and_half_opens_after_60_s()
    {
        var runs = new int[1];
        var harness = new ResilientHarness(Policy, [ResilientHarness.Scripted("flaky", run => run <= 10, runs), ResilientHarness.Scripted("steady", _ => false, new int[1])]);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(ToolStatus.Failed, (await harness.InvokeAsync("flaky", $$"""{"i": {{i}}}""")).Outcome!.Status);
        }

        var refused = await harness.InvokeAsync("flaky", """{"i": 99}""");
        var otherTool = await harness.InvokeAsync("steady");

        Assert.Equal(("circuit-breaker", "breaker.agent", DecisionKind.Deny), (refused.Stage, refused.Decision.Rule, refused.Decision.Kind));
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Decision.RetryAfter);
        Assert.Contains("10 consecutive failures", refused.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal("breaker.agent", otherTool.Decision.Rule); // the agent's circuit covers every tool
        Assert.Equal(10, runs[0]);
        var events = await harness.Gate.Audit.QueryAsync(new AuditQuery { Limit = 100 }, GateHarness.Ct);
        Assert.Contains(events, e => e.Rule == "breaker.agent" && e.Decision == DecisionKind.Deny);

        harness.Time.Advance(TimeSpan.FromSeconds(60));
        var probe = await harness.InvokeAsync("flaky", """{"i": 100}""");
        Assert.True(probe.Succeeded);
        Assert.True((await harness.InvokeAsync("flaky", """{"i": 101}""")).Succeeded);
    }

    [Fact]
    public async Task The_same_call_repeated_is_a_loop_that_opens_the_tools_circuit_only()
    {
        var harness = new ResilientHarness(Policy, [ResilientHarness.Scripted("search", _ => false, new int[1]), ResilientHarness.Scripted("steady", _ => false, new int[1])]);

        var first = await harness.InvokeAsync("search", """{"q": "status", "page": 1}""");
        var second = await harness.InvokeAsync("search", """{"page": 1, "q": "status"}"""); // same call, members reordered
        var third = await harness.InvokeAsync("search", """{"q": "status", "page": 1}""");
        var other = await harness.InvokeAsync("steady");

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.Equal(("circuit-breaker", "breaker.loop"), (third.Stage, third.Decision.Rule));
        Assert.Contains("loop: the same call 3 times within 60 s", third.Decision.Reason, StringComparison.Ordinal);
        Assert.True(other.Succeeded);
    }

    [Fact]
    public async Task A_burst_of_denials_opens_the_agents_circuit()
    {
        var harness = new ResilientHarness("""
            breaker: { denials: 3, denial_window: 1m }
            agents:
              agent: { role: READER }
            tools:
              steady: { capability: documents.read }
              wipe: { capability: documents.delete }
            """, [ResilientHarness.Scripted("steady", _ => false, new int[1]), ResilientHarness.Scripted("wipe", _ => false, new int[1])]);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("authorization", (await harness.InvokeAsync("wipe", $$"""{"i": {{i}}}""")).Stage);
        }

        var after = await harness.InvokeAsync("steady");
        Assert.Equal("breaker.agent", after.Decision.Rule);
        Assert.Contains("3 denials within 60 s", after.Decision.Reason, StringComparison.Ordinal);
    }
}
