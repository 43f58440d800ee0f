using Warden.Policies;
using Warden.Tests.Support;
using Warden.Tools;

namespace Warden.Tests.GatePipeline;

public sealed class StageOrderTests
{
    [Fact]
    public async Task The_gate_stops_at_the_first_deny()
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        var result = await harness.InvokeAsync("delete_doc");

        Assert.Equal(["argument-sanitation", "input-inspection", "authorization"], result.Trail.Select(t => t.Stage));
        Assert.False(result.Trail[^1].Decision.IsAllowed);
        Assert.Same(result.Trail[^1].Decision, result.Decision);
    }

    [Fact]
    public async Task Stage_added_before_another_runs_in_that_place()
    {
        var log = new List<string>();
        var harness = new GateHarness(
            SamplePolicies.Standard,
            configure: b => b.AddStageBefore("authorization", new RecordingStage("custom", log)));

        var result = await harness.InvokeAsync("read_doc");

        Assert.True(result.Succeeded);
        Assert.Equal(["custom"], log);
        Assert.Equal(
            ["argument-sanitation", "input-inspection", "custom", "authorization", "data-flow", "approval", "execution", "output-inspection"],
            result.Trail.Select(t => t.Stage));
    }

    [Fact]
    public async Task Custom_stage_deny_stops_the_gate_before_execution()
    {
        var log = new List<string>();
        var refusal = Decision.Deny("custom.rule", "custom says no");
        var harness = new GateHarness(
            SamplePolicies.Standard,
            configure: b => b.AddStageBefore("execution", new RecordingStage("custom", log, refusal)));

        var result = await harness.InvokeAsync("read_doc");

        Assert.Same(refusal, result.Decision);
        Assert.Equal("custom", result.Stage);
        Assert.Equal("custom", result.Trail[^1].Stage);
        Assert.Equal(0, harness.Runs("read_doc"));
    }

    [Fact]
    public async Task Stages_added_with_AddStage_run_in_the_order_added()
    {
        var log = new List<string>();
        var policy = TestPolicy.Load("mode: enforce");
        var gate = new GateBuilder(new StaticPolicySource(policy))
            .AddStage(new RecordingStage("one", log))
            .AddStage(new RecordingStage("two", log, Decision.Deny("two.no", "no")))
            .AddStage(new RecordingStage("three", log))
            .Build();

        var result = await gate.InvokeAsync(GateHarness.Call("anything"), GateHarness.Ct);

        Assert.Equal(["one", "two"], log);
        Assert.Equal("two.no", result.Decision.Rule);
    }

    [Fact]
    public void Builder_refuses_duplicate_and_unknown_stage_names_and_empty_gates()
    {
        var policy = new StaticPolicySource(TestPolicy.Load("mode: enforce"));
        var builder = GateBuilder.CreateDefault(policy, ToolCatalog.Empty);

        Assert.Throws<ArgumentException>(() => builder.AddStage(new RecordingStage("authorization", [])));
        Assert.Throws<ArgumentException>(() => builder.AddStageBefore("no-such-stage", new RecordingStage("x", [])));
        Assert.Throws<InvalidOperationException>(() => new GateBuilder(policy).Build());
        Assert.Equal(
            ["checkpoint", "circuit-breaker", "argument-sanitation", "input-inspection", "authorization", "data-flow", "approval", "execution", "output-inspection"],
            builder.Stages.Select(s => s.Name));
    }
}
