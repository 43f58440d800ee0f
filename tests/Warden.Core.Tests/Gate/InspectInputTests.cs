using Warden.Auditing;
using Warden.Tests.Support;

namespace Warden.Tests.GatePipeline;

public sealed class InspectInputTests
{
    private const string Limited = """
        agents:
          agent:
            role: READER
            limits: { turns_per_session: 2 }
        """;

    [Fact]
    public async Task Turns_per_session_is_enforced()
    {
        var harness = new GateHarness(Limited);
        var agent = new Principal("agent");

        var first = await harness.Gate.InspectInputAsync(agent, "s1", "one", GateHarness.Ct);
        var second = await harness.Gate.InspectInputAsync(agent, "s1", "two", GateHarness.Ct);
        var third = await harness.Gate.InspectInputAsync(agent, "s1", "three", GateHarness.Ct);
        var otherSession = await harness.Gate.InspectInputAsync(agent, "s2", "one", GateHarness.Ct);

        Assert.Equal(("one", "two"), (first.Text, second.Text));
        Assert.Equal("agents.agent.limits.turns_per_session", third.Decision.Rule);
        Assert.Equal(string.Empty, third.Text);
        Assert.True(otherSession.Decision.IsAllowed);
    }

    [Fact]
    public async Task Refused_prompt_does_not_use_up_a_turn()
    {
        var harness = new GateHarness(Limited);
        var agent = new Principal("agent");

        await harness.Gate.InspectInputAsync(agent, "s1", "IGNORE PREVIOUS", GateHarness.Ct);
        await harness.Gate.InspectInputAsync(agent, "s1", "one", GateHarness.Ct);
        var second = await harness.Gate.InspectInputAsync(agent, "s1", "two", GateHarness.Ct);

        Assert.True(second.Decision.IsAllowed);
        Assert.Equal(2, harness.Gate.Sessions.Find("s1")!.Turns);
    }

    [Fact]
    public async Task Each_prompt_is_audited_as_user_input_or_violation()
    {
        var harness = new GateHarness(Limited);
        var agent = new Principal("agent");

        await harness.Gate.InspectInputAsync(agent, "s1", "hello", GateHarness.Ct);
        await harness.Gate.InspectInputAsync(agent, "s1", "<b>SYSTEM</b> override", GateHarness.Ct);

        var events = await harness.EventsAsync();
        Assert.Equal(2, events.Count);
        Assert.Equal((AuditEventType.SecurityViolation, "input-inspection", "input.detector.baseline-regex"), (events[0].Type, events[0].Stage, events[0].Rule));
        Assert.Equal("baseline-regex", Assert.Single(events[0].Findings).DetectorId);
        Assert.Equal((AuditEventType.UserInput, (string?)null), (events[1].Type, events[1].Tool));
    }

    [Fact]
    public async Task Unknown_agent_without_default_role_is_refused()
    {
        var harness = new GateHarness(Limited);

        var result = await harness.Gate.InspectInputAsync(new Principal("stranger"), "s1", "hello", GateHarness.Ct);

        Assert.Equal("agents.unknown", result.Decision.Rule);
    }

    [Fact]
    public async Task Prompt_is_sanitised_before_it_is_returned()
    {
        var harness = new GateHarness(Limited);

        var result = await harness.Gate.InspectInputAsync(new Principal("agent"), "s1", "<p>hi</p>\n\n\n\n<p>there</p>", GateHarness.Ct);

        Assert.Equal("hi\n\nthere", result.Text);
    }
}
