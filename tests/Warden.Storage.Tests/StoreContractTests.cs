using System.Text.Json;
using Warden.Resilience.Breakers;
using Warden.Resilience.Checkpoints;
using Warden.Resilience.Ledger;
using Warden.Tools;

namespace Warden.Storage.Tests;

/// <summary>What every implementation of the resilience stores must do; one subclass per implementation.</summary>
public abstract class StoreContractTests<TFactory> : IAsyncLifetime
    where TFactory : IStoreFactory, new()
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    protected TFactory Factory { get; } = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => Factory.DisposeAsync();

    [Fact]
    public async Task Approvals_move_from_status_to_status_once_and_survive_a_reopen()
    {
        var stores = Factory.Create();
        var approvals = stores.Approvals!;
        var first = Approval("ap_1", "hash-a", T0);
        await approvals.AddAsync(first, Ct);
        await approvals.AddAsync(Approval("ap_2", "hash-a", T0.AddMinutes(1)), Ct);
        await approvals.AddAsync(Approval("ap_3", "hash-b", T0.AddMinutes(2)), Ct);

        var approved = first with { Status = Warden.Approvals.ApprovalStatus.Approved, DecidedBy = "alice", DecidedAt = T0.AddMinutes(3) };
        Assert.True(await approvals.TransitionAsync("ap_1", Warden.Approvals.ApprovalStatus.Pending, approved, Ct));
        Assert.False(await approvals.TransitionAsync("ap_1", Warden.Approvals.ApprovalStatus.Pending, approved with { DecidedBy = "bob" }, Ct));

        var reopened = (await Factory.ReopenAsync()).Approvals!;
        Assert.Equal(approved, await reopened.GetAsync("ap_1", Ct));
        Assert.Equal("ap_2", (await reopened.FindLatestAsync(first.CallKey, Ct))!.Id);
        Assert.Null(await reopened.FindLatestAsync("no such call", Ct));
        Assert.Null(await reopened.GetAsync("ap_9", Ct));
        Assert.Equal(["ap_3", "ap_2"], (await reopened.ListAsync(Warden.Approvals.ApprovalStatus.Pending, 10, Ct)).Select(a => a.Id));
        Assert.Equal(["ap_3", "ap_2", "ap_1"], (await reopened.ListAsync(null, 10, Ct)).Select(a => a.Id));
        Assert.Equal(["ap_3"], (await reopened.ListAsync(null, 1, Ct)).Select(a => a.Id));
    }

    private static Warden.Approvals.ApprovalRequest Approval(string id, string argumentsHash, DateTimeOffset at) => new()
    {
        Id = id,
        AgentId = "agent",
        SessionId = "s1",
        Tool = "send_email",
        ArgumentsHash = argumentsHash,
        MaskedArguments = """{"to":"bob@example.com"}""",
        Rule = "flows[1]",
        Reason = "untrusted content may leave only with approval",
        RequestedAt = at,
        ExpiresAt = at.AddHours(1),
    };

    [Fact]
    public async Task Checkpoints_come_back_newest_first_byte_for_byte_after_a_reopen()
    {
        var stores = Factory.Create();
        await stores.Checkpoints.AppendAsync(Checkpoint("s1", 1), Ct);
        await stores.Checkpoints.AppendAsync(Checkpoint("s1", 2, context: """{"b": [1, 2], "a": "ünïcode"}"""), Ct);
        await stores.Checkpoints.AppendAsync(Checkpoint("s2", 1), Ct);

        var reopened = await Factory.ReopenAsync();
        var latest = await reopened.Checkpoints.LatestAsync("s1", Ct);

        Assert.Equal(2, latest!.Sequence);
        Assert.Equal(CheckpointSerializer.ComputeHash(latest), latest.StateHash);
        Assert.Equal(Checkpoint("s1", 2, context: """{"b": [1, 2], "a": "ünïcode"}""").StateHash, latest.StateHash);
        Assert.Equal([("s1", 2L), ("s2", 1L)], await reopened.Checkpoints.SessionsAsync(Ct));
        Assert.Null(await reopened.Checkpoints.LatestAsync("nobody", Ct));
    }

    [Fact]
    public async Task A_checkpoint_sequence_cannot_be_written_twice()
    {
        var stores = Factory.Create();
        await stores.Checkpoints.AppendAsync(Checkpoint("s1", 1), Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await stores.Checkpoints.AppendAsync(Checkpoint("s1", 1), Ct));
    }

    [Fact]
    public async Task The_ledger_records_a_start_once_and_keeps_a_completion_across_a_reopen()
    {
        var stores = Factory.Create();
        var entry = new LedgerEntry("k1", "s1", "pay", T0, null);
        Assert.True(await stores.Ledger.TryBeginAsync(entry, Ct));
        Assert.False(await stores.Ledger.TryBeginAsync(entry, Ct));
        Assert.Null((await stores.Ledger.FindAsync("k1", Ct))!.Outcome);

        var outcome = new ToolOutcome(ToolStatus.Succeeded, "paid 10 to acme", TimeSpan.FromMilliseconds(12.5));
        await stores.Ledger.CompleteAsync("k1", outcome, Ct);
        var reopened = await Factory.ReopenAsync();

        var found = await reopened.Ledger.FindAsync("k1", Ct);
        Assert.Equal(outcome, found!.Outcome);
        Assert.Equal(("s1", "pay", T0), (found.SessionId, found.Tool, found.StartedAt));
        Assert.False(await reopened.Ledger.ForgetUnfinishedAsync("k1", Ct)); // completed entries stay
        Assert.Null(await reopened.Ledger.FindAsync("k2", Ct));
    }

    [Fact]
    public async Task An_unfinished_ledger_entry_can_be_forgotten_and_completing_an_unknown_key_fails()
    {
        var stores = Factory.Create();
        await stores.Ledger.TryBeginAsync(new LedgerEntry("k1", "s1", "pay", T0, null), Ct);

        Assert.True(await stores.Ledger.ForgetUnfinishedAsync("k1", Ct));
        Assert.Null(await stores.Ledger.FindAsync("k1", Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await stores.Ledger.CompleteAsync("k9", new ToolOutcome(ToolStatus.Succeeded, "x", TimeSpan.Zero), Ct));
    }

    [Fact]
    public async Task Breaker_states_update_atomically_and_survive_a_reopen()
    {
        var stores = Factory.Create();
        Assert.Equal(BreakerState.Closed("agent:a"), await stores.Breakers.GetAsync("agent:a", Ct));

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            stores.Breakers.UpdateAsync("agent:a", s => s with { ConsecutiveFailures = s.ConsecutiveFailures + 1 }, Ct).AsTask()));
        await stores.Breakers.UpdateAsync("tool:a/search", s => s with
        {
            Status = BreakerStatus.Open,
            OpenedAt = T0,
            RetryAt = T0.AddSeconds(60),
            Reason = "loop",
            RecentCalls = [new RecentCall("h", T0)],
            RecentDenials = [T0],
            Trips = 1,
        }, Ct);
        var reopened = await Factory.ReopenAsync();

        Assert.Equal(50, (await reopened.Breakers.GetAsync("agent:a", Ct)).ConsecutiveFailures);
        var tool = await reopened.Breakers.GetAsync("tool:a/search", Ct);
        Assert.Equal((BreakerStatus.Open, T0.AddSeconds(60), "loop", 1), (tool.Status, tool.RetryAt, tool.Reason, tool.Trips));
        Assert.Equal([new RecentCall("h", T0)], tool.RecentCalls);
        Assert.Equal(["agent:a", "tool:a/search"], (await reopened.Breakers.ListAsync(Ct)).Select(s => s.Key));
    }

    [Fact]
    public async Task A_pair_of_circuits_updates_atomically_and_an_unchanged_state_is_not_stored()
    {
        var stores = Factory.Create();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => stores.Breakers.UpdatePairAsync("agent:a", "tool:a/search", (agent, tool) =>
            (agent with { ConsecutiveFailures = agent.ConsecutiveFailures + 1 }, tool with { Trips = tool.Trips + agent.ConsecutiveFailures % 2 }), flush: false, cancellationToken: Ct).AsTask()));
        var (agent, untouched) = await stores.Breakers.UpdatePairAsync("agent:a", "tool:a/other", (a, t) => (a, t), cancellationToken: Ct);
        var reopened = await Factory.ReopenAsync();

        Assert.Equal(50, agent.ConsecutiveFailures);
        Assert.Equal(BreakerState.Closed("tool:a/other"), untouched);
        Assert.Equal((50, 25), ((await reopened.Breakers.GetAsync("agent:a", Ct)).ConsecutiveFailures, (await reopened.Breakers.GetAsync("tool:a/search", Ct)).Trips));
        Assert.Equal(["agent:a", "tool:a/search"], (await reopened.Breakers.ListAsync(Ct)).Select(s => s.Key));
        await Assert.ThrowsAsync<ArgumentException>(async () => await stores.Breakers.UpdatePairAsync("agent:a", "agent:a", (a, b) => (a, b), cancellationToken: Ct));
    }

    [Fact]
    public async Task Concurrent_writes_are_all_stored_and_a_failing_one_fails_alone()
    {
        var stores = Factory.Create();
        await stores.Checkpoints.AppendAsync(Checkpoint("s0", 1), Ct);

        // Each write on a pool thread, so that they meet in the store (group-committed in SQLite); a store
        // may throw before its first await, so each runs in an async lambda and a failure is its task's.
        var writes = Enumerable.Range(1, 20).Select(i => Write(() => stores.Checkpoints.AppendAsync(Checkpoint($"s{i}", 1), Ct)))
            .Append(Write(() => stores.Checkpoints.AppendAsync(Checkpoint("s0", 1), Ct))) // already stored
            .Concat(Enumerable.Range(1, 20).Select(i => Write(async () => await stores.Ledger.TryBeginAsync(new LedgerEntry($"k{i}", $"s{i}", "pay", T0, null), Ct))))
            .ToList();
        var failure = await Record.ExceptionAsync(() => Task.WhenAll(writes));
        var reopened = await Factory.ReopenAsync();

        Assert.IsType<InvalidOperationException>(failure);
        Assert.Equal(1, writes.Count(w => w.IsFaulted));
        Assert.Equal(21, (await reopened.Checkpoints.SessionsAsync(Ct)).Count);
        for (var i = 1; i <= 20; i++)
        {
            Assert.NotNull(await reopened.Ledger.FindAsync($"k{i}", Ct));
        }
    }

    private static Task Write(Func<ValueTask> write) => Task.Run(async () => await write());

    private static Checkpoint Checkpoint(string session, long sequence, string? context = null) => CheckpointSerializer.Seal(new Checkpoint
    {
        SessionId = session,
        AgentId = "agent",
        Sequence = sequence,
        TakenAt = T0.AddSeconds(sequence),
        SessionStartedAt = T0,
        Turns = 3,
        ToolCalls = (int)sequence,
        Labels = ["private", "untrusted"],
        LastAction = new CheckpointAction("read_mail", new string('a', 64), "allow", "roles.READER", "succeeded", "derived:x"),
        Context = context is null ? null : JsonDocument.Parse(context).RootElement.Clone(),
        Plan = new RecoveryPlan("retry", "read_mail", ["""{"a":1}"""], "it failed"),
        StateHash = string.Empty,
    });
}

public sealed class InMemoryStoreContractTests : StoreContractTests<InMemoryStoreFactory>;

public sealed class SqliteStoreContractTests : StoreContractTests<SqliteStoreFactory>;
