using Warden.Auditing;
using Warden.Tests.Support;

namespace Warden.Tests.GatePipeline;

public sealed class FailClosedTests
{
    [Fact]
    public async Task Stage_that_throws_denies_the_call()
    {
        var log = new List<string>();
        var harness = new GateHarness(
            SamplePolicies.Standard,
            configure: b => b.AddStageBefore("execution", new RecordingStage("flaky", log, failure: new InvalidOperationException("boom"))));

        var result = await harness.InvokeAsync("read_doc");

        Assert.Equal(DecisionKind.Deny, result.Decision.Kind);
        Assert.Equal(("flaky", "flaky.failed"), (result.Stage, result.Decision.Rule));
        Assert.Contains("InvalidOperationException", result.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(0, harness.Runs("read_doc"));
        var audit = Assert.Single(await harness.EventsAsync());
        Assert.Equal(AuditEventType.Error, audit.Type);
    }

    [Fact]
    public async Task Audit_store_that_fails_turns_the_result_into_a_deny()
    {
        var harness = new GateHarness(SamplePolicies.Standard, configure: b => b.Audit = new FailingAuditStore());

        var result = await harness.InvokeAsync("read_doc");

        Assert.Equal(DecisionKind.Deny, result.Decision.Kind);
        Assert.Equal(("audit", "audit.unavailable"), (result.Stage, result.Decision.Rule));
        Assert.Null(result.Outcome);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task Audit_store_that_fails_withholds_a_prompt()
    {
        var harness = new GateHarness(SamplePolicies.Standard, configure: b => b.Audit = new FailingAuditStore());

        var result = await harness.Gate.InspectInputAsync(new Principal("agent"), "s1", "hello", GateHarness.Ct);

        Assert.Equal("audit.unavailable", result.Decision.Rule);
        Assert.Equal(string.Empty, result.Text);
    }

    private sealed class FailingAuditStore : IAuditStore
    {
        public ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) =>
            throw new IOException("disk full");

        public ValueTask<IReadOnlyList<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<AuditEvent>>([]);
    }
}
