using Warden.Auditing;
using Warden.Tests.Support;

namespace Warden.Tests.GatePipeline;

public sealed class ShadowModeTests
{
    [Fact]
    public async Task Shadow_mode_records_the_deny_but_runs_the_tool()
    {
        var harness = new GateHarness(SamplePolicies.Standard + "\nmode: shadow\n");

        var result = await harness.InvokeAsync("delete_doc");

        Assert.True(result.Decision.IsAllowed);
        Assert.True(result.Succeeded);
        Assert.Equal("roles.WORKER", result.ShadowDecision?.Rule);
        Assert.Equal("authorization", result.Stage);
        Assert.Equal(1, harness.Runs("delete_doc"));

        var audit = Assert.Single(await harness.EventsAsync());
        Assert.True(audit.Shadow);
        Assert.Equal(DecisionKind.Deny, audit.Decision);
        Assert.Equal("roles.WORKER", audit.Rule);
        Assert.Equal(AuditEventType.SecurityViolation, audit.Type);
    }

    [Fact]
    public async Task Shadow_mode_keeps_the_first_refusal_and_runs_every_later_stage()
    {
        var harness = new GateHarness(SamplePolicies.Standard + "\nmode: shadow\n");

        var result = await harness.InvokeAsync("nope");

        Assert.Equal("tools.unbound", result.ShadowDecision?.Rule);
        Assert.Equal(6, result.Trail.Count);
        Assert.Equal(("execution", "tools.unbound"), (result.Stage, result.Decision.Rule));
    }

    [Fact]
    public async Task Enforce_mode_has_no_shadow_decision()
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        var result = await harness.InvokeAsync("delete_doc");

        Assert.Null(result.ShadowDecision);
        Assert.False((await harness.EventsAsync()).Single().Shadow);
    }
}
