using Warden.Tests.Support;
using Warden.Tools;

namespace Warden.Tests.GatePipeline;

public sealed class AllowedCallTests
{
    [Fact]
    public async Task Allowed_call_runs_the_tool_and_returns_its_output()
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        var result = await harness.InvokeAsync("read_doc", """{"path":"a.txt"}""");

        Assert.True(result.Succeeded);
        Assert.Equal(DecisionKind.Allow, result.Decision.Kind);
        Assert.Null(result.Stage);
        Assert.Null(result.ShadowDecision);
        Assert.Equal(ToolStatus.Succeeded, result.Outcome?.Status);
        Assert.Equal("ran read_doc", result.Outcome?.Output);
        Assert.Equal(1, harness.Runs("read_doc"));
    }

    [Fact]
    public async Task Every_default_stage_decides_in_order()
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        var result = await harness.InvokeAsync("read_doc");

        Assert.Equal(
            ["argument-sanitation", "input-inspection", "authorization", "data-flow", "approval", "execution", "output-inspection"],
            result.Trail.Select(t => t.Stage));
        Assert.All(result.Trail, t => Assert.True(t.Decision.IsAllowed));
        Assert.Equal("agents.agent.role", result.Trail[2].Decision.Rule);
    }

    [Fact]
    public async Task The_tool_receives_the_arguments_principal_and_session()
    {
        ToolInvocation? seen = null;
        var tool = InProcessTool.Create("read_doc", (invocation, _) =>
        {
            seen = invocation;
            return ValueTask.FromResult(ToolResult.Ok(invocation.Arguments.GetProperty("path").GetString()!));
        });
        var harness = new GateHarness(SamplePolicies.Standard, [tool]);

        var result = await harness.InvokeAsync("read_doc", """{"path":"notes.md"}""", session: "s-42");

        Assert.Equal("notes.md", result.Outcome?.Output);
        Assert.NotNull(seen);
        Assert.Equal("agent", seen.Principal.AgentId);
        Assert.Equal("s-42", seen.Session.Id);
    }

    [Fact]
    public async Task A_call_that_runs_gives_the_session_the_tool_labels_and_counts_it()
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        await harness.InvokeAsync("read_doc");
        await harness.InvokeAsync("fetch");

        var session = harness.Gate.Sessions.Find("s1");
        Assert.NotNull(session);
        Assert.Equal(["private", "untrusted"], session.Labels);
        Assert.Equal(2, session.ToolCalls);
    }

    [Fact]
    public async Task Tool_that_reports_an_error_is_failed_but_allowed()
    {
        var tool = InProcessTool.Create("read_doc", (_, _) => ValueTask.FromResult(ToolResult.Error("no such file")));
        var harness = new GateHarness(SamplePolicies.Standard, [tool]);

        var result = await harness.InvokeAsync("read_doc");

        Assert.True(result.Decision.IsAllowed);
        Assert.False(result.Succeeded);
        Assert.Equal(new ToolStatus?(ToolStatus.Failed), result.Outcome?.Status);
        Assert.Equal("no such file", result.Outcome?.Output);
    }

    [Fact]
    public async Task Tool_that_throws_is_failed_without_leaking_the_exception_message()
    {
        var tool = InProcessTool.Create("read_doc", (_, _) => throw new InvalidOperationException("db password is hunter2"));
        var harness = new GateHarness(SamplePolicies.Standard, [tool]);

        var result = await harness.InvokeAsync("read_doc");

        Assert.Equal(new ToolStatus?(ToolStatus.Failed), result.Outcome?.Status);
        Assert.Contains("InvalidOperationException", result.Outcome!.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bound_tool_without_an_executor_is_denied()
    {
        var harness = new GateHarness(SamplePolicies.Standard, configure: null);
        var gate = GateBuilder.CreateDefault(new Warden.Policies.StaticPolicySource(harness.Policy), ToolCatalog.Empty, harness.Time).Build();

        var result = await gate.InvokeAsync(GateHarness.Call("read_doc"), GateHarness.Ct);

        Assert.Equal(("execution", "execution.no_executor"), (result.Stage, result.Decision.Rule));
        Assert.Null(result.Outcome);
    }
}
