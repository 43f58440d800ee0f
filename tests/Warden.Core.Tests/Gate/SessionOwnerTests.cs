using Warden.Auditing;
using Warden.Tests.Support;

namespace Warden.Tests.GatePipeline;

public sealed class SessionOwnerTests
{
    private const string TwoAgents = """
        agents:
          alice: { role: WORKER }
          mallory: { role: WORKER }
        tools:
          read_doc: { capability: documents.read }
        """;

    [Fact]
    public async Task Session_used_by_another_agent_is_denied()
    {
        var harness = new GateHarness(TwoAgents);
        Assert.True((await harness.InvokeAsync("read_doc", agent: "alice")).Succeeded);

        var result = await harness.InvokeAsync("read_doc", agent: "mallory");

        Assert.Equal(("session", "session.owner"), (result.Stage, result.Decision.Rule));
        Assert.Equal("session", Assert.Single(result.Trail).Stage);
        Assert.Equal(1, harness.Runs("read_doc"));
        Assert.Equal("alice", harness.Gate.Sessions.Find("s1")!.AgentId);
        var events = await harness.EventsAsync();
        Assert.Equal(AuditEventType.SecurityViolation, events[0].Type);
        Assert.Equal("mallory", events[0].AgentId);
    }

    [Fact]
    public async Task Prompt_in_another_agents_session_is_denied()
    {
        var harness = new GateHarness(TwoAgents);
        await harness.InvokeAsync("read_doc", agent: "alice");

        var result = await harness.Gate.InspectInputAsync(new Principal("mallory"), "s1", "hello", GateHarness.Ct);

        Assert.Equal("session.owner", result.Decision.Rule);
        Assert.Equal(string.Empty, result.Text);
    }
}
