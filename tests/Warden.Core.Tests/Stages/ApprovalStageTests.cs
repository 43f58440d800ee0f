using Warden.Tests.Support;

namespace Warden.Tests.Stages;

public sealed class ApprovalStageTests
{
    [Fact]
    public async Task Approval_always_holds_the_call_and_the_tool_does_not_run()
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        var result = await harness.InvokeAsync("pay");

        Assert.Equal(DecisionKind.RequireApproval, result.Decision.Kind);
        Assert.Equal(("approval", "tools.pay.approval"), (result.Stage, result.Decision.Rule));
        Assert.Null(result.Outcome);
        Assert.Equal(0, harness.Runs("pay"));
        Assert.Equal("approval", result.Trail[^1].Stage);
    }

    [Fact]
    public async Task Tool_without_approval_passes_the_stage()
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        var result = await harness.InvokeAsync("read_doc");

        Assert.True(result.Trail.Single(t => t.Stage == "approval").Decision.IsAllowed);
    }
}
