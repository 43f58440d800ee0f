using System.Text;
using System.Text.Json;
using Warden.Auditing;
using Warden.Resilience;
using Warden.Resilience.Checkpoints;
using Warden.Tests.Support;
using Warden.Tools;

namespace Warden.Tests.Resilience;

public sealed class CheckpointRecoveryTests
{
    private const string Policy = """
        agents:
          agent: { role: READER }
        tools:
          read_mail: { capability: email.access, labels: [untrusted, private] }
          fail: { capability: documents.read }
        """;

    private static InProcessTool[] Tools(int[] runs) =>
    [
        ResilientHarness.Scripted("read_mail", _ => false, runs),
        ResilientHarness.Scripted("fail", _ => true, new int[1]),
    ];

    [Fact]
    public async Task Every_tool_call_leaves_a_sealed_checkpoint_with_counters_labels_last_action_and_context()
    {
        var harness = new ResilientHarness(Policy, Tools(new int[1]));
        await harness.Gate.InspectInputAsync(new Principal("agent"), "s1", "check my mail", GateHarness.Ct);
        harness.Gate.Sessions.Find("s1")!.Context = JsonDocument.Parse("""{"messages": ["check my mail"]}""").RootElement;

        await harness.InvokeAsync("read_mail", """{"folder": "inbox"}""");

        var checkpoint = await harness.Stores.Checkpoints.LatestAsync("s1", GateHarness.Ct);
        Assert.NotNull(checkpoint);
        Assert.Equal((2L, 1, 1, "agent"), (checkpoint.Sequence, checkpoint.Turns, checkpoint.ToolCalls, checkpoint.AgentId)); // 1 was the turn's
        Assert.Equal(["private", "untrusted"], checkpoint.Labels);
        Assert.Equal(("read_mail", "allow", "succeeded"), (checkpoint.LastAction!.Tool, checkpoint.LastAction.Decision, checkpoint.LastAction.Outcome));
        Assert.StartsWith("derived:", checkpoint.LastAction.IdempotencyKey, StringComparison.Ordinal);
        Assert.Equal("""{"messages":["check my mail"]}""", Encoding.UTF8.GetString(Warden.Json.CanonicalJson.Bytes(checkpoint.Context!.Value)));
        Assert.Equal(CheckpointSerializer.ComputeHash(checkpoint), checkpoint.StateHash);
        Assert.Equal(64, checkpoint.StateHash.Length);
    }

    [Fact]
    public async Task A_new_gate_over_the_same_stores_restores_labels_and_counters_so_the_flow_rule_still_holds()
    {
        var stores = ResilienceStores.InMemory();
        var first = new ResilientHarness(Policy + FlowRule, Tools(new int[1]), stores);
        await first.InvokeAsync("read_mail", """{"folder": "inbox"}""");

        // The process "restarts": a fresh gate, fresh in-memory sessions, the same durable stores.
        var second = new ResilientHarness(Policy + FlowRule, Tools(new int[1]), stores);
        var send = await second.InvokeAsync("send", """{"to": "x@evil.example"}""");

        Assert.Equal("flows[0]", send.Decision.Rule);
        var session = second.Gate.Sessions.Find("s1")!;
        Assert.Equal(1, session.ToolCalls);
        Assert.Equal(["private", "untrusted"], session.Labels);
    }

    [Fact]
    public async Task When_the_checkpoint_cannot_be_written_the_answer_is_withheld_and_audited_and_the_retry_is_answered_from_the_ledger()
    {
        var runs = new int[1];
        var checkpoints = new FailingCheckpointStore();
        var stores = ResilienceStores.InMemory() with { Checkpoints = checkpoints };
        var harness = new ResilientHarness(Policy, Tools(runs), stores);

        checkpoints.Failing = true;
        var withheld = await harness.InvokeAsync("read_mail", """{"folder": "inbox"}""");

        Assert.Equal((DecisionKind.Deny, "checkpoint.unavailable", "checkpoint"), (withheld.Decision.Kind, withheld.Decision.Rule, withheld.Stage));
        Assert.Contains("the result is withheld (fail closed)", withheld.Decision.Reason, StringComparison.Ordinal);
        Assert.Contains("IOException", withheld.Decision.Reason, StringComparison.Ordinal);
        Assert.Null(withheld.Outcome); // the tool's output does not reach the agent
        Assert.Equal(1, runs[0]); // but the tool ran
        var events = await harness.Gate.Audit.QueryAsync(new AuditQuery { Limit = 10 }, GateHarness.Ct);
        var recorded = Assert.Single(events);
        Assert.Equal((AuditEventType.Error, DecisionKind.Deny, "checkpoint.unavailable", "read_mail"), (recorded.Type, recorded.Decision, recorded.Rule, recorded.Tool));
        Assert.Null(await stores.Checkpoints.LatestAsync("s1", GateHarness.Ct));

        // The store is back: the retry gets the recorded answer without running the tool again, and is checkpointed.
        checkpoints.Failing = false;
        var retry = await harness.InvokeAsync("read_mail", """{"folder": "inbox"}""");

        Assert.True(retry.Decision.IsAllowed);
        Assert.Equal("read_mail ran (1)", retry.Outcome!.Output);
        Assert.Equal(1, runs[0]);
        Assert.Contains(retry.Trail, s => s.Decision.Rule == Warden.Stages.Execution.ExecutionStage.ReplayedRule);
        Assert.Equal("read_mail", (await stores.Checkpoints.LatestAsync("s1", GateHarness.Ct))!.LastAction!.Tool);
    }

    /// <summary>Checkpoints in memory, or an <see cref="IOException"/> on every write while <see cref="Failing"/> (a full disk, a lost volume).</summary>
    private sealed class FailingCheckpointStore : ICheckpointStore
    {
        private readonly InMemoryCheckpointStore _inner = new();

        public bool Failing { get; set; }

        public ValueTask AppendAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default) =>
            Failing ? ValueTask.FromException(new IOException("no space left on device")) : _inner.AppendAsync(checkpoint, cancellationToken);

        public ValueTask<Checkpoint?> LatestAsync(string sessionId, CancellationToken cancellationToken = default) => _inner.LatestAsync(sessionId, cancellationToken);

        public ValueTask<IReadOnlyList<(string SessionId, long Sequence)>> SessionsAsync(CancellationToken cancellationToken = default) => _inner.SessionsAsync(cancellationToken);
    }

    [Fact]
    public async Task A_checkpoint_that_does_not_match_its_hash_is_an_audited_error_and_the_session_is_refused()
    {
        var stores = ResilienceStores.InMemory();
        var first = new ResilientHarness(Policy, Tools(new int[1]), stores);
        await first.InvokeAsync("read_mail", """{"folder": "inbox"}""");
        ((InMemoryCheckpointStore)stores.Checkpoints).Corrupt("s1", bytes =>
            Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("\"untrusted\"", "\"trusted\"", StringComparison.Ordinal)));

        var second = new ResilientHarness(Policy, Tools(new int[1]), stores);
        var recovery = await second.Gate.RecoverSessionAsync("s1", GateHarness.Ct);
        var call = await second.InvokeAsync("read_mail", """{"folder": "sent"}""");

        Assert.Equal(RecoveryStatus.Corrupt, recovery.Status);
        Assert.Contains("does not match its state hash", recovery.Detail, StringComparison.Ordinal);
        Assert.Equal(("session", "checkpoint.corrupt"), (call.Stage, call.Decision.Rule));
        Assert.Null(second.Gate.Sessions.Find("s1"));
        var errors = await second.Gate.Audit.QueryAsync(new AuditQuery { Limit = 10 }, GateHarness.Ct);
        Assert.Contains(errors, e => e.Rule == "checkpoint.corrupt" && e.Type == AuditEventType.Error && e.Stage == "recovery");
    }

    [Fact]
    public async Task An_unreadable_checkpoint_is_reported_the_same_way()
    {
        var stores = ResilienceStores.InMemory();
        await new ResilientHarness(Policy, Tools(new int[1]), stores).InvokeAsync("read_mail", "{}");
        ((InMemoryCheckpointStore)stores.Checkpoints).Corrupt("s1", bytes => bytes[..(bytes.Length / 2)]);

        var recovery = await new ResilientHarness(Policy, Tools(new int[1]), stores).Gate.RecoverSessionAsync("s1", GateHarness.Ct);

        Assert.Equal(RecoveryStatus.Corrupt, recovery.Status);
        Assert.Contains("cannot be read", recovery.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_call_is_retried_with_modified_arguments_up_to_three_times_and_the_plan_records_the_attempts()
    {
        var harness = new ResilientHarness(Policy, Tools(new int[1]));
        var seen = new List<int>();

        var result = await harness.Gate.InvokeWithRecoveryAsync(
            GateHarness.Call("fail", """{"attempt": 0}"""),
            (failed, _, attempt) =>
            {
                seen.Add(attempt);
                return failed with { Arguments = JsonDocument.Parse($$"""{"attempt": {{attempt}}}""").RootElement };
            },
            GateHarness.Ct);

        Assert.Equal([1, 2, 3], seen);
        Assert.Equal(ToolStatus.Failed, result.Outcome!.Status);
        var plan = harness.Gate.Sessions.Find("s1")!.Plan;
        Assert.Equal(("retry", "fail"), (plan.Kind, plan.Tool));
        Assert.Equal(["""{"attempt":1}""", """{"attempt":2}""", """{"attempt":3}"""], plan.Attempts);
        Assert.Equal("tool 'fail' failed; gave up after 3 of 3 retries", plan.Reason);
        var checkpoint = await harness.Stores.Checkpoints.LatestAsync("s1", GateHarness.Ct);
        Assert.Equal(3, checkpoint!.Plan.Attempts.Count);
    }

    [Fact]
    public async Task A_retry_that_succeeds_clears_the_plan()
    {
        var runs = new int[1];
        var harness = new ResilientHarness(Policy, [ResilientHarness.Scripted("fail", run => run < 3, runs)]);

        var result = await harness.Gate.InvokeWithRecoveryAsync(
            GateHarness.Call("fail", """{"attempt": 0}"""),
            (failed, _, attempt) => failed with { Arguments = JsonDocument.Parse($$"""{"attempt": {{attempt}}}""").RootElement },
            GateHarness.Ct);

        Assert.True(result.Succeeded);
        Assert.Equal(3, runs[0]);
        Assert.Equal(RecoveryPlan.None, harness.Gate.Sessions.Find("s1")!.Plan);
    }

    [Fact]
    public async Task Past_the_turn_limit_the_plan_is_a_reset_which_keeps_labels_and_tool_calls()
    {
        var harness = new ResilientHarness("""
            agents:
              agent: { role: READER, limits: { turns_per_session: 2 } }
            tools:
              read_mail: { capability: email.access, labels: [untrusted] }
            """, [ResilientHarness.Scripted("read_mail", _ => false, new int[1])]);
        var agent = new Principal("agent");
        await harness.Gate.InspectInputAsync(agent, "s1", "one", GateHarness.Ct);
        await harness.InvokeAsync("read_mail");
        await harness.Gate.InspectInputAsync(agent, "s1", "two", GateHarness.Ct);
        var third = await harness.Gate.InspectInputAsync(agent, "s1", "three", GateHarness.Ct);
        var planned = harness.Gate.Sessions.Find("s1")!.Plan;

        var session = await harness.Gate.ResetSessionAsync("s1", GateHarness.Ct);
        var fourth = await harness.Gate.InspectInputAsync(agent, "s1", "four", GateHarness.Ct);

        Assert.Equal("agents.agent.limits.turns_per_session", third.Decision.Rule);
        Assert.Equal("reset", planned.Kind);
        Assert.True(fourth.Decision.IsAllowed);
        Assert.Equal((1, 1), (session!.Turns, session.ToolCalls));
        Assert.Equal(["untrusted"], session.Labels);
        var latest = (await harness.Stores.Checkpoints.LatestAsync("s1", GateHarness.Ct))!;
        Assert.Equal((1, 1), (latest.Epoch, latest.Turns)); // the reset began epoch 1; "four" is its first turn
    }

    [Fact]
    public async Task The_timer_checkpoints_changed_sessions_every_30_s()
    {
        var harness = new ResilientHarness(Policy, Tools(new int[1]));
        await using var timer = new CheckpointTimer(harness.Gate, timeProvider: harness.Time);
        await harness.Gate.InspectInputAsync(new Principal("agent"), "s1", "hello", GateHarness.Ct);
        Assert.Equal(1L, (await harness.Stores.Checkpoints.LatestAsync("s1", GateHarness.Ct))!.Sequence); // the turn's own

        Assert.Equal(1, await timer.TickAsync());
        Assert.Equal(0, await timer.TickAsync()); // nothing changed since
        harness.Gate.Sessions.Find("s1")!.Context = JsonDocument.Parse("""{"step": 2}""").RootElement;
        Assert.Equal(1, await timer.TickAsync());

        var checkpoint = await harness.Stores.Checkpoints.LatestAsync("s1", GateHarness.Ct);
        Assert.Equal((3L, 1), (checkpoint!.Sequence, checkpoint.Turns));
        Assert.Equal(2, checkpoint.Context!.Value.GetProperty("step").GetInt32());
        Assert.Null(checkpoint.LastAction);
    }

    private const string FlowRule = """

          send: { capability: email.access, sink: external }
        flows:
          - { when: [untrusted, private], to: external, then: deny }
        """;
}
