using Warden.Tests.Support;

namespace Warden.Tests.GatePipeline;

public sealed class ExplainTests
{
    [Fact]
    public async Task Explain_runs_no_tool_and_records_nothing()
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        var result = await harness.Gate.ExplainAsync(GateHarness.Call("read_doc"), cancellationToken: GateHarness.Ct);

        Assert.True(result.Decision.IsAllowed);
        Assert.Null(result.Outcome);
        Assert.Equal(("execution", "explain"), (result.Trail[^2].Stage, result.Trail[^2].Decision.Rule));
        Assert.Equal(("output-inspection", "explain"), (result.Trail[^1].Stage, result.Trail[^1].Decision.Rule));
        Assert.Equal(0, harness.Runs("read_doc"));
        Assert.Empty(await harness.EventsAsync());
        Assert.Null(harness.Gate.Sessions.Find("s1"));
    }

    [Fact]
    public async Task Explain_uses_the_assumed_labels()
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        var result = await harness.Gate.ExplainAsync(GateHarness.Call("send_mail"), ["untrusted", "private"], GateHarness.Ct);

        Assert.Equal(("data-flow", "flows[0]"), (result.Stage, result.Decision.Rule));
        Assert.Empty(await harness.EventsAsync());
    }

    [Fact]
    public async Task Explain_reports_a_deny_like_invoke_would()
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        var explained = await harness.Gate.ExplainAsync(GateHarness.Call("delete_doc"), cancellationToken: GateHarness.Ct);
        var invoked = await harness.InvokeAsync("delete_doc");

        Assert.Equal(invoked.Decision, explained.Decision);
        Assert.Equal(invoked.Stage, explained.Stage);
    }
}
