using System.Text.Json;
using Warden.Auditing;
using Warden.Tests.Support;
using Warden.Tools;

namespace Warden.Tests.GatePipeline;

public sealed class AuditEventTests
{
    [Theory]
    [InlineData("read_doc", "{}", AuditEventType.ToolCall, DecisionKind.Allow)]
    [InlineData("delete_doc", "{}", AuditEventType.SecurityViolation, DecisionKind.Deny)]
    [InlineData("unbound", "{}", AuditEventType.SecurityViolation, DecisionKind.Deny)]
    [InlineData("read_doc", """{"__proto__":{}}""", AuditEventType.SecurityViolation, DecisionKind.Deny)]
    [InlineData("read_doc", """{"q":"IGNORE PREVIOUS"}""", AuditEventType.SecurityViolation, DecisionKind.Deny)]
    [InlineData("pay", "{}", AuditEventType.Approval, DecisionKind.RequireApproval)]
    public async Task Each_call_makes_exactly_one_event_of_the_right_type(string tool, string arguments, AuditEventType type, DecisionKind decision)
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        var result = await harness.InvokeAsync(tool, arguments);

        var audit = Assert.Single(await harness.EventsAsync());
        Assert.Equal(type, audit.Type);
        Assert.Equal(decision, audit.Decision);
        Assert.Equal(result.Decision.Rule, audit.Rule);
        Assert.Equal(result.Stage, audit.Stage);
        Assert.Equal(tool, audit.Tool);
    }

    [Fact]
    public async Task Flow_deny_is_a_security_violation()
    {
        var harness = new GateHarness(SamplePolicies.Standard);
        await harness.InvokeAsync("fetch");
        await harness.InvokeAsync("read_doc");

        await harness.InvokeAsync("send_mail");

        var events = await harness.EventsAsync();
        Assert.Equal(3, events.Count);
        Assert.Equal((AuditEventType.SecurityViolation, "flows[0]"), (events[0].Type, events[0].Rule));
    }

    [Fact]
    public async Task Event_carries_who_when_and_the_masked_arguments()
    {
        var harness = new GateHarness(SamplePolicies.Standard);
        harness.Time.Advance(TimeSpan.FromMinutes(3));

        await harness.InvokeAsync("read_doc", """{"path":"a","password":"hunter2"}""", session: "s9");

        var audit = Assert.Single(await harness.EventsAsync());
        Assert.Equal(("agent", "s9"), (audit.AgentId, audit.SessionId));
        Assert.Equal(GateHarness.Start.AddMinutes(3), audit.Timestamp);
        Assert.Equal(ToolStatus.Succeeded, audit.ToolStatus);
        Assert.False(audit.Shadow);
        var arguments = audit.Arguments!.Value;
        Assert.Equal("***", arguments.GetProperty("password").GetString());
        Assert.Equal("a", arguments.GetProperty("path").GetString());
        Assert.DoesNotContain("hunter2", JsonSerializer.Serialize(audit), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_ids_are_unique()
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        for (var i = 0; i < 5; i++)
        {
            await harness.InvokeAsync("read_doc");
        }

        var events = await harness.EventsAsync();
        Assert.Equal(5, events.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task Query_filters_by_type_and_session()
    {
        var harness = new GateHarness(SamplePolicies.Standard);
        await harness.InvokeAsync("read_doc", session: "a");
        await harness.InvokeAsync("delete_doc", session: "b");

        var violations = await harness.Gate.Audit.QueryAsync(new AuditQuery { Type = AuditEventType.SecurityViolation }, GateHarness.Ct);
        var sessionA = await harness.Gate.Audit.QueryAsync(new AuditQuery { SessionId = "a" }, GateHarness.Ct);

        Assert.Equal("b", Assert.Single(violations).SessionId);
        Assert.Equal("read_doc", Assert.Single(sessionA).Tool);
    }
}
