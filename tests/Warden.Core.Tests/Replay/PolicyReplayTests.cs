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

    [Fact]
    public async Task A_sessions_tool_call_budget_is_replayed_so_a_looser_one_shows()
    {
        const string Budget = """
            tools:
              search: { capability: documents.read }
            agents:
              agent: { role: READER, limits: { tool_calls_per_session: 2 } }
            """;
        var harness = new GateHarness(Budget);
        for (var i = 0; i < 3; i++)
        {
            await harness.InvokeAsync("search", $$"""{"q":"{{i}}"}""");
        }

        var events = (await harness.EventsAsync()).Reverse().ToList();

        var same = await PolicyReplay.ReplayAsync(events.ToAsyncEnumerable(), TestPolicy.Load(Budget), cancellationToken: Ct);
        var looser = await PolicyReplay.ReplayAsync(events.ToAsyncEnumerable(), TestPolicy.Load(Budget.Replace("tool_calls_per_session: 2", "tool_calls_per_session: 3", StringComparison.Ordinal)), cancellationToken: Ct);

        Assert.Equal(DecisionKind.Deny, events[^1].Decision);
        Assert.Empty(same.Changes);
        var change = Assert.Single(looser.Changes);
        Assert.Equal((DecisionKind.Deny, DecisionKind.Allow), (change.Was, change.Would));
    }

    [Fact]
    public async Task Changes_are_reported_from_since_on_but_sessions_are_rebuilt_from_their_first_call()
    {
        const string Flows = """
            tools:
              read_page: { capability: documents.read, labels: [untrusted] }
              send_email: { capability: documents.read, sink: external }
            agents:
              agent: { role: READER }
            flows:
              - { when: [untrusted], to: external, then: deny }
            """;
        var harness = new GateHarness(Flows);
        await harness.InvokeAsync("read_page");
        harness.Time.Advance(TimeSpan.FromHours(1));
        var since = harness.Time.GetUtcNow();
        var sent = await harness.InvokeAsync("send_email");
        var events = (await harness.EventsAsync()).Reverse().ToList();

        var report = await PolicyReplay.ReplayAsync(events.ToAsyncEnumerable(), TestPolicy.Load(Flows), reportFrom: since, cancellationToken: Ct);

        Assert.Equal(DecisionKind.Deny, sent.Decision.Kind);
        Assert.Equal(1, report.Replayed);
        Assert.Empty(report.Changes); // the session still carries 'untrusted' from the call before --since
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
