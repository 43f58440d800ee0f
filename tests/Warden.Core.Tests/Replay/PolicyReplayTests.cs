using Warden.Approvals;
using Warden.Auditing;
using Warden.Replay;
using Warden.Tests.Support;

namespace Warden.Tests.Replay;

public sealed class PolicyReplayTests
{
    private const string Policy = Approvals.ApprovalFlowTests.Policy;

    private static CancellationToken Ct => GateHarness.Ct;

    [Fact]
    public async Task Held_and_approved_calls_replayed_under_the_policy_they_ran_under_change_nothing()
    {
        var (events, approvalId) = await RecordedAsync();

        var report = await PolicyReplay.ReplayAsync(events.ToAsyncEnumerable(), TestPolicy.Load(Policy), cancellationToken: Ct);

        Assert.Equal(approvalId, Assert.Single(events, e => e.Decision == DecisionKind.Allow && e.Type == AuditEventType.ToolCall).ApprovalId);
        Assert.Equal(3, report.Replayed); // held, approved and run, held again (other arguments)
        Assert.Empty(report.Changes);
    }

    [Fact]
    public async Task A_candidate_in_shadow_mode_is_judged_by_what_it_decides_not_by_what_it_enforces()
    {
        var (events, _) = await RecordedAsync();

        var report = await PolicyReplay.ReplayAsync(events.ToAsyncEnumerable(), TestPolicy.Load("mode: shadow\n" + Policy), cancellationToken: Ct);

        Assert.Empty(report.Changes);
    }

    [Fact]
    public async Task A_candidate_that_no_longer_binds_the_tool_reports_the_held_and_the_approved_calls()
    {
        var (events, _) = await RecordedAsync();

        var report = await PolicyReplay.ReplayAsync(events.ToAsyncEnumerable(), TestPolicy.Load("tools: {}\nagents:\n  agent: { role: READER }\n"), cancellationToken: Ct);

        Assert.Equal(3, report.Changes.Count);
        Assert.All(report.Changes, c => Assert.Equal(DecisionKind.Deny, c.Would));
        Assert.Equal([DecisionKind.RequireApproval, DecisionKind.Allow, DecisionKind.RequireApproval], report.Changes.Select(c => c.Was));
    }

    /// <summary>A held call, approved and retried (it runs), then another held call; the log oldest first.</summary>
    private static async Task<(List<AuditEvent> Events, string ApprovalId)> RecordedAsync()
    {
        var harness = new GateHarness(Policy, configure: builder => builder.WithApprovals(new InMemoryApprovalStore()));
        var held = await harness.InvokeAsync("send_email", """{"to":"bob@example.com"}""");
        await harness.Gate.DecideApprovalAsync(held.Decision.ApprovalId!, approve: true, "alice", null, Ct);
        var through = await harness.InvokeAsync("send_email", """{"to":"bob@example.com"}""");
        await harness.InvokeAsync("send_email", """{"to":"carol@example.com"}""");
        Assert.True(through.Succeeded, through.Decision.Reason);
        var events = (await harness.EventsAsync()).Reverse().ToList();
        return (events, held.Decision.ApprovalId!);
    }
}
