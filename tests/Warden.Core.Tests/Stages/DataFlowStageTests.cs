using Warden.Tests.Support;

namespace Warden.Tests.Stages;

public sealed class DataFlowStageTests
{
    [Fact]
    public async Task Untrusted_and_private_data_may_not_go_to_an_external_sink()
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        Assert.True((await harness.InvokeAsync("fetch")).Succeeded);
        Assert.True((await harness.InvokeAsync("read_doc")).Succeeded);
        var result = await harness.InvokeAsync("send_mail");

        Assert.Equal(DecisionKind.Deny, result.Decision.Kind);
        Assert.Equal(("data-flow", "flows[0]"), (result.Stage, result.Decision.Rule));
        Assert.Contains("'send_mail' sends to 'external'", result.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(0, harness.Runs("send_mail"));
    }

    [Fact]
    public async Task One_label_alone_does_not_match_a_rule_that_needs_two()
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        await harness.InvokeAsync("fetch");
        var result = await harness.InvokeAsync("send_mail");

        Assert.True(result.Succeeded);
        Assert.Equal("flows", result.Trail.Single(t => t.Stage == "data-flow").Decision.Rule);
    }

    [Fact]
    public async Task Labels_of_another_session_do_not_taint()
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        await harness.InvokeAsync("fetch", session: "s1");
        await harness.InvokeAsync("read_doc", session: "s1");
        var result = await harness.InvokeAsync("send_mail", session: "s2");

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Denied_call_does_not_label_the_session()
    {
        var harness = new GateHarness(SamplePolicies.Standard + "\ndefault_role: READER\n");

        var fetch = await harness.InvokeAsync("fetch", agent: "reader");
        await harness.InvokeAsync("read_doc", agent: "reader");

        Assert.Equal("roles.READER", fetch.Decision.Rule);
        Assert.Equal(["private"], harness.Gate.Sessions.Find("s1")!.Labels);
    }

    [Fact]
    public async Task Require_approval_flow_holds_the_call()
    {
        var harness = new GateHarness("""
            agents:
              agent: { role: WORKER }
            tools:
              read_doc: { capability: documents.read, labels: [private] }
              send_mail: { capability: email.access, sink: external }
            flows:
              - { when: [private], to: external, then: require-approval }
            """);

        await harness.InvokeAsync("read_doc");
        var result = await harness.InvokeAsync("send_mail");

        Assert.Equal(DecisionKind.RequireApproval, result.Decision.Kind);
        Assert.Equal(("data-flow", "flows[0]"), (result.Stage, result.Decision.Rule));
        Assert.Equal(0, harness.Runs("send_mail"));
    }

    [Fact]
    public async Task First_matching_rule_wins()
    {
        var harness = new GateHarness("""
            agents:
              agent: { role: WORKER }
            tools:
              read_doc: { capability: documents.read, labels: [private] }
              send_mail: { capability: email.access, sink: external }
            flows:
              - { when: [private], to: external, then: allow }
              - { when: [private], to: external, then: deny }
            """);

        await harness.InvokeAsync("read_doc");
        var result = await harness.InvokeAsync("send_mail");

        Assert.True(result.Succeeded);
        Assert.Equal("flows[0]", result.Trail.Single(t => t.Stage == "data-flow").Decision.Rule);
    }
}
