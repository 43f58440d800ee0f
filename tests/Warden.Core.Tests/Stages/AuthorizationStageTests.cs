using Warden.Tests.Support;

namespace Warden.Tests.Stages;

public sealed class AuthorizationStageTests
{
    [Fact]
    public async Task Unbound_tool_is_denied()
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        var result = await harness.InvokeAsync("format_disk");

        Assert.Equal(DecisionKind.Deny, result.Decision.Kind);
        Assert.Equal(("authorization", "tools.unbound"), (result.Stage, result.Decision.Rule));
        Assert.Null(result.Outcome);
    }

    [Fact]
    public async Task Unknown_agent_is_denied_when_there_is_no_default_role()
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        var result = await harness.InvokeAsync("read_doc", agent: "stranger");

        Assert.Equal(("authorization", "agents.unknown"), (result.Stage, result.Decision.Rule));
        Assert.Equal(0, harness.Runs("read_doc"));
    }

    [Fact]
    public async Task Unknown_agent_gets_reader_from_default_role()
    {
        var harness = new GateHarness(SamplePolicies.Standard + "\ndefault_role: READER\n");

        var read = await harness.InvokeAsync("read_doc", agent: "stranger", session: "a");
        var write = await harness.InvokeAsync("write_doc", """{"path":"x"}""", agent: "stranger", session: "b");

        Assert.True(read.Succeeded);
        Assert.Equal("default_role", read.Trail.Single(t => t.Stage == "authorization").Decision.Rule);
        Assert.Equal("roles.READER", write.Decision.Rule);
        Assert.Contains("from default_role", write.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(0, harness.Runs("write_doc"));
    }

    [Fact]
    public async Task Missing_capability_is_denied_by_the_role()
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        var result = await harness.InvokeAsync("delete_doc");

        Assert.Equal(("authorization", "roles.WORKER"), (result.Stage, result.Decision.Rule));
        Assert.Contains("lacks 'documents.delete'", result.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(0, harness.Runs("delete_doc"));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"path":5}""")]
    [InlineData("""{"path":"a.txt","mode":"overwrite"}""")]
    [InlineData("""{"path":"a-name-that-is-far-too-long.txt"}""")]
    public async Task Arguments_that_break_the_schema_are_denied(string arguments)
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        var result = await harness.InvokeAsync("write_doc", arguments);

        Assert.Equal(("authorization", "tools.write_doc.arguments"), (result.Stage, result.Decision.Rule));
        Assert.StartsWith("the arguments do not match the schema of 'write_doc'", result.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(0, harness.Runs("write_doc"));
    }

    [Fact]
    public async Task Arguments_that_satisfy_the_schema_run()
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        var result = await harness.InvokeAsync("write_doc", """{"path":"a.txt","body":"hello"}""");

        Assert.True(result.Succeeded);
        Assert.Equal(1, harness.Runs("write_doc"));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"path":5}""")]
    public async Task Arguments_that_break_the_schema_never_reach_the_tool(string arguments)
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        var result = await harness.InvokeAsync("write_doc", arguments);

        Assert.Equal(DecisionKind.Deny, result.Decision.Kind);
        Assert.Equal("authorization", result.Stage);
        Assert.Null(result.Outcome);
        Assert.Equal(0, harness.Runs("write_doc"));
    }

    [Fact]
    public async Task Tool_call_budget_is_per_session()
    {
        var harness = new GateHarness("""
            agents:
              agent:
                role: READER
                limits: { tool_calls_per_session: 2 }
            tools:
              read_doc: { capability: documents.read }
            """);

        var first = await harness.InvokeAsync("read_doc");
        var second = await harness.InvokeAsync("read_doc");
        var third = await harness.InvokeAsync("read_doc");
        var otherSession = await harness.InvokeAsync("read_doc", session: "s2");

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.Equal(("authorization", "agents.agent.limits.tool_calls_per_session"), (third.Stage, third.Decision.Rule));
        Assert.True(otherSession.Succeeded);
        Assert.Equal(3, harness.Runs("read_doc"));
    }
}
