using Warden.Approvals;
using Warden.Auditing;
using Warden.Tests.Support;

namespace Warden.Tests.Approvals;

public sealed class ApprovalFlowTests
{
    /// <summary>One tool held for approval every time (the replay tests record their log under it too).</summary>
    internal const string Policy = """
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

    [Fact]
    public async Task An_approval_revoked_before_use_denies_the_identical_call_and_only_approved_ones_can_be_revoked()
    {
        var harness = Harness();
        var held = await harness.InvokeAsync("send_email", "{}");
        var id = held.Decision.ApprovalId!;

        var (_, pending) = await harness.Gate.RevokeApprovalAsync(id, "alice", null, Ct);
        await harness.Gate.DecideApprovalAsync(id, approve: true, "alice", null, Ct);
        var (revoked, problem) = await harness.Gate.RevokeApprovalAsync(id, "bob", "wrong account", Ct);
        var retried = await harness.InvokeAsync("send_email", "{}");

        Assert.Contains("is pending, not approved (deny it instead)", pending, StringComparison.Ordinal);
        Assert.Null(problem);
        Assert.Equal((ApprovalStatus.Revoked, "bob"), (revoked!.Status, revoked.DecidedBy));
        Assert.Equal(DecisionKind.Deny, retried.Decision.Kind);
        Assert.Contains("bob revoked the approval of this call (\"wrong account\")", retried.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(0, harness.Runs("send_email"));
        Assert.Single(await harness.EventsAsync(), e => e.Rule == $"approvals.{id}.revoked" && e.Decision == DecisionKind.Deny);
    }

    [Fact]
    public async Task A_revocation_that_wins_the_race_with_the_agents_call_denies_it_rather_than_holding_it_anew()
    {
        var store = new RevokingApprovalStore();
        var harness = new GateHarness(Policy, configure: builder => builder.WithApprovals(store));
        var held = await harness.InvokeAsync("send_email", "{}");
        await harness.Gate.DecideApprovalAsync(held.Decision.ApprovalId!, approve: true, "alice", null, Ct);
        store.RevokeBeforeUse = true; // the agent reads "approved"; a person revokes before the agent marks it used

        var retried = await harness.InvokeAsync("send_email", "{}");

        Assert.Equal(DecisionKind.Deny, retried.Decision.Kind);
        Assert.Contains("revoked the approval of this call", retried.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(0, harness.Runs("send_email"));
        Assert.Single(await store.ListAsync(null, 10, Ct)); // no new pending request
    }

    [Fact]
    public async Task A_revocation_that_cannot_be_audited_stays_in_force_and_says_so()
    {
        var audit = new SwitchableAuditStore();
        var approvals = new InMemoryApprovalStore();
        var harness = new GateHarness(Policy, configure: builder =>
        {
            builder.WithApprovals(approvals);
            builder.Audit = audit;
        });
        var held = await harness.InvokeAsync("send_email", "{}");
        await harness.Gate.DecideApprovalAsync(held.Decision.ApprovalId!, approve: true, "alice", null, Ct);
        audit.Failing = true;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await harness.Gate.RevokeApprovalAsync(held.Decision.ApprovalId!, "alice", null, Ct));

        Assert.Contains("is revoked (in force), but the revocation could not be audited", error.Message, StringComparison.Ordinal);
        Assert.Equal(ApprovalStatus.Revoked, (await approvals.GetAsync(held.Decision.ApprovalId!, Ct))!.Status);
    }

    private static GateHarness Harness() => new(Policy, configure: builder => builder.WithApprovals(new InMemoryApprovalStore()));

    /// <summary>An in-memory audit log that can be made to fail.</summary>
    private sealed class SwitchableAuditStore : IAuditStore
    {
        private readonly InMemoryAuditStore _inner = new();

        public bool Failing { get; set; }

        public ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) =>
            Failing ? throw new IOException("disk full") : _inner.AppendAsync(auditEvent, cancellationToken);

        public ValueTask<IReadOnlyList<AuditEvent>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) => _inner.QueryAsync(query, cancellationToken);
    }

    /// <summary>An approval store in which a revocation lands between the agent's read and its compare-and-set.</summary>
    private sealed class RevokingApprovalStore : IApprovalStore
    {
        private readonly InMemoryApprovalStore _inner = new();

        public bool RevokeBeforeUse { get; set; }

        public ValueTask AddAsync(ApprovalRequest request, CancellationToken cancellationToken = default) => _inner.AddAsync(request, cancellationToken);

        public ValueTask<ApprovalRequest?> GetAsync(string id, CancellationToken cancellationToken = default) => _inner.GetAsync(id, cancellationToken);

        public ValueTask<ApprovalRequest?> FindLatestAsync(string callKey, CancellationToken cancellationToken = default) => _inner.FindLatestAsync(callKey, cancellationToken);

        public ValueTask<IReadOnlyList<ApprovalRequest>> ListAsync(ApprovalStatus? status, int limit, CancellationToken cancellationToken = default) => _inner.ListAsync(status, limit, cancellationToken);

        public async ValueTask<bool> TransitionAsync(string id, ApprovalStatus from, ApprovalRequest changed, CancellationToken cancellationToken = default)
        {
            if (RevokeBeforeUse && changed.Status == ApprovalStatus.Used)
            {
                var current = (await _inner.GetAsync(id, cancellationToken))!;
                await _inner.TransitionAsync(id, ApprovalStatus.Approved, current with { Status = ApprovalStatus.Revoked, DecidedBy = "carol" }, cancellationToken);
            }

            return await _inner.TransitionAsync(id, from, changed, cancellationToken);
        }
    }
}
