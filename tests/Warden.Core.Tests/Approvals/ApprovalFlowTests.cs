using Warden.Approvals;
using Warden.Auditing;
using Warden.Tests.Support;

namespace Warden.Tests.Approvals;

public sealed class ApprovalFlowTests
{
    private const string Policy = """
        gateway: { approval_expiry: 30m }
        tools:
          send_email: { capability: email.access, approval: always }
        agents:
          agent: { role: READER }
        """;

    private static CancellationToken Ct => GateHarness.Ct;

    [Fact]
    public async Task A_held_call_waits_with_an_id_and_after_approval_the_identical_call_goes_through_exactly_once()
    {
        var harness = Harness();
        const string args = """{"to":"bob@example.com"}""";

        var held = await harness.InvokeAsync("send_email", args);
        var again = await harness.InvokeAsync("send_email", args);
        var (approved, problem) = await harness.Gate.DecideApprovalAsync(held.Decision.ApprovalId!, approve: true, "alice", "checked with Bob", Ct);
        var through = await harness.InvokeAsync("send_email", args);
        var once = await harness.InvokeAsync("send_email", args);

        Assert.Equal(DecisionKind.RequireApproval, held.Decision.Kind);
        Assert.StartsWith("ap_", held.Decision.ApprovalId, StringComparison.Ordinal);
        Assert.Contains($"held as approval {held.Decision.ApprovalId}", held.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(held.Decision.ApprovalId, again.Decision.ApprovalId);
        Assert.Null(problem);
        Assert.Equal(ApprovalStatus.Approved, approved!.Status);
        Assert.True(through.Succeeded, through.Decision.Reason);
        Assert.Equal(1, harness.Runs("send_email"));
        Assert.Equal(DecisionKind.RequireApproval, once.Decision.Kind);
        Assert.NotEqual(held.Decision.ApprovalId, once.Decision.ApprovalId);
        Assert.Equal(ApprovalStatus.Used, (await harness.Gate.Approvals!.GetAsync(held.Decision.ApprovalId!, Ct))!.Status);

        var approval = Assert.Single(await harness.EventsAsync(), e => e.Type == AuditEventType.Approval && e.Decision == DecisionKind.Allow);
        Assert.Contains("alice approved the held call to 'send_email' (\"checked with Bob\")", approval.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approval_covers_only_the_call_it_was_asked_for()
    {
        var harness = Harness();
        var held = await harness.InvokeAsync("send_email", """{"to":"bob@example.com"}""");
        await harness.Gate.DecideApprovalAsync(held.Decision.ApprovalId!, approve: true, "alice", null, Ct);

        var otherArguments = await harness.InvokeAsync("send_email", """{"to":"eve@evil.example"}""");
        var otherSession = await harness.InvokeAsync("send_email", """{"to":"bob@example.com"}""", session: "s2");

        Assert.Equal(DecisionKind.RequireApproval, otherArguments.Decision.Kind);
        Assert.Equal(DecisionKind.RequireApproval, otherSession.Decision.Kind);
        Assert.Equal(0, harness.Runs("send_email"));
    }

    [Fact]
    public async Task A_denied_call_stays_denied_and_the_denial_is_audited()
    {
        var harness = Harness();
        var held = await harness.InvokeAsync("send_email", """{"to":"eve@evil.example"}""");

        var (_, problem) = await harness.Gate.DecideApprovalAsync(held.Decision.ApprovalId!, approve: false, "alice", "not our domain", Ct);
        var retried = await harness.InvokeAsync("send_email", """{"to":"eve@evil.example"}""");
        var (_, twice) = await harness.Gate.DecideApprovalAsync(held.Decision.ApprovalId!, approve: true, "bob", null, Ct);

        Assert.Null(problem);
        Assert.Equal(DecisionKind.Deny, retried.Decision.Kind);
        Assert.Contains("alice denied this call (\"not our domain\")", retried.Decision.Reason, StringComparison.Ordinal);
        Assert.Contains("is denied, not pending", twice, StringComparison.Ordinal);
        Assert.Equal(0, harness.Runs("send_email"));
        Assert.Single(await harness.EventsAsync(), e => e.Type == AuditEventType.Approval && e.Decision == DecisionKind.Deny && e.Rule == $"approvals.{held.Decision.ApprovalId}");
    }

    [Fact]
    public async Task An_undecided_approval_lapses_after_the_expiry_is_audited_and_a_new_one_is_asked_for()
    {
        var harness = Harness();
        var held = await harness.InvokeAsync("send_email", "{}");
        harness.Time.Advance(TimeSpan.FromMinutes(31));

        var (_, late) = await harness.Gate.DecideApprovalAsync(held.Decision.ApprovalId!, approve: true, "alice", null, Ct);
        var retried = await harness.InvokeAsync("send_email", "{}");

        Assert.Contains("is expired, not pending", late, StringComparison.Ordinal);
        Assert.NotEqual(held.Decision.ApprovalId, retried.Decision.ApprovalId);
        Assert.Equal(DecisionKind.RequireApproval, retried.Decision.Kind);
        var lapse = Assert.Single(await harness.EventsAsync(), e => e.Rule == $"approvals.{held.Decision.ApprovalId}.expired");
        Assert.Equal((AuditEventType.Approval, DecisionKind.Deny), (lapse.Type, lapse.Decision));
    }

    [Fact]
    public async Task Unknown_approvals_are_named_and_a_gate_without_a_store_keeps_holds_final()
    {
        var harness = Harness();
        var (request, problem) = await harness.Gate.DecideApprovalAsync("ap_nope", approve: true, "alice", null, Ct);
        Assert.Null(request);
        Assert.Equal("there is no approval 'ap_nope'", problem);

        var final = new GateHarness(Policy);
        var held = await final.InvokeAsync("send_email", "{}");
        Assert.Equal(DecisionKind.RequireApproval, held.Decision.Kind);
        Assert.Null(held.Decision.ApprovalId);
    }

    private static GateHarness Harness() => new(Policy, configure: builder => builder.WithApprovals(new InMemoryApprovalStore()));
}
