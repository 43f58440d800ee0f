using Warden.Tests.Support;
using Warden.Tools;

namespace Warden.Tests.Resilience;

public sealed class LedgerAndBudgetTests
{
    private const string Policy = """
        agents:
          agent: { role: READER, limits: { tool_calls_per_session: 5, concurrent_calls: 2 } }
        tools:
          pay: { capability: documents.read }
        """;

    [Fact]
    public async Task A_completed_call_repeated_in_the_same_turn_gets_its_recorded_result_and_the_tool_does_not_run_again()
    {
        var runs = new int[1];
        var harness = new ResilientHarness(Policy, [ResilientHarness.Scripted("pay", _ => false, runs)]);

        var first = await harness.InvokeAsync("pay", """{"amount": 10, "to": "acme"}""");
        var replay = await harness.InvokeAsync("pay", """{"to": "acme", "amount": 10}""");

        Assert.Equal(1, runs[0]);
        Assert.Equal(first.Outcome, replay.Outcome);
        Assert.Equal("ledger.replayed", replay.Trail.Single(t => t.Stage == "execution").Decision.Rule);
        Assert.Equal(1, harness.Gate.Sessions.Find("s1")!.ToolCalls); // a replay is not a new call
    }

    [Fact]
    public async Task The_same_call_in_a_later_turn_or_with_its_own_key_is_a_new_call()
    {
        var runs = new int[1];
        var harness = new ResilientHarness(Policy, [ResilientHarness.Scripted("pay", _ => false, runs)]);
        await harness.InvokeAsync("pay", """{"amount": 10}""");
        await harness.Gate.InspectInputAsync(new Principal("agent"), "s1", "pay again", GateHarness.Ct);

        await harness.InvokeAsync("pay", """{"amount": 10}""");
        var keyed = GateHarness.Call("pay", """{"amount": 10}""") with { IdempotencyKey = "invoice-7" };
        await harness.Gate.InvokeAsync(keyed, GateHarness.Ct);
        await harness.Gate.InvokeAsync(keyed, GateHarness.Ct);

        Assert.Equal(3, runs[0]);
    }

    [Fact]
    public async Task An_idempotent_tool_is_not_kept_in_the_ledger_so_a_repeated_call_runs_again_unless_the_caller_gives_a_key()
    {
        var runs = new int[1];
        var harness = new ResilientHarness("""
            agents:
              agent: { role: READER, limits: { tool_calls_per_session: 10 } }
            tools:
              list_files: { capability: documents.read, idempotent: true, labels: [private] }
            """, [ResilientHarness.Scripted("list_files", _ => false, runs)]);
        var call = GateHarness.Call("list_files", """{"folder": "inbox"}""");
        var key = Warden.Resilience.Ledger.IdempotencyKeys.For(call, turn: 0);

        var first = await harness.InvokeAsync("list_files", """{"folder": "inbox"}""");
        var again = await harness.InvokeAsync("list_files", """{"folder": "inbox"}""");

        Assert.Equal(2, runs[0]);
        Assert.True(first.Succeeded && again.Succeeded);
        Assert.Equal("execution", again.Trail.Single(t => t.Stage == "execution").Decision.Rule);
        Assert.Null(await harness.Stores.Ledger.FindAsync(key, GateHarness.Ct));
        Assert.Equal(2, harness.Gate.Sessions.Find("s1")!.ToolCalls); // each counts against the budget
        Assert.Contains("private", harness.Gate.Sessions.Find("s1")!.Labels);

        // A start left behind by a crash does not hold an idempotent call back.
        await harness.Stores.Ledger.TryBeginAsync(new Warden.Resilience.Ledger.LedgerEntry(key, "s1", "list_files", harness.Time.GetUtcNow(), null), GateHarness.Ct);
        Assert.True((await harness.Gate.InvokeAsync(call, GateHarness.Ct)).Succeeded);
        Assert.Equal(3, runs[0]);

        // A caller that gives its own key asks for the recorded answer to a repeat, and gets it.
        var keyed = GateHarness.Call("list_files", """{"folder": "sent"}""") with { IdempotencyKey = "listing-1" };
        await harness.Gate.InvokeAsync(keyed, GateHarness.Ct);
        var repeated = await harness.Gate.InvokeAsync(keyed, GateHarness.Ct);
        Assert.Equal(4, runs[0]);
        Assert.Equal("ledger.replayed", repeated.Trail.Single(t => t.Stage == "execution").Decision.Rule);

        // An empty key is no key (as everywhere else): the repeat runs again.
        var empty = GateHarness.Call("list_files", """{"folder": "drafts"}""") with { IdempotencyKey = string.Empty };
        await harness.Gate.InvokeAsync(empty, GateHarness.Ct);
        var rerun = await harness.Gate.InvokeAsync(empty, GateHarness.Ct);
        Assert.Equal(6, runs[0]);
        Assert.Equal("execution", rerun.Trail.Single(t => t.Stage == "execution").Decision.Rule);
    }

    [Fact]
    public async Task A_failed_call_is_forgotten_so_that_its_retry_runs()
    {
        var runs = new int[1];
        var harness = new ResilientHarness(Policy, [ResilientHarness.Scripted("pay", run => run == 1, runs)]);

        var failed = await harness.InvokeAsync("pay", """{"amount": 10}""");
        var retried = await harness.InvokeAsync("pay", """{"amount": 10}""");

        Assert.Equal(ToolStatus.Failed, failed.Outcome!.Status);
        Assert.True(retried.Succeeded);
        Assert.Equal(2, runs[0]);
    }

    [Fact]
    public async Task A_call_started_and_never_finished_is_not_run_again()
    {
        var runs = new int[1];
        var harness = new ResilientHarness(Policy, [ResilientHarness.Scripted("pay", _ => false, runs)]);
        var call = GateHarness.Call("pay", """{"amount": 10}""");
        var key = Warden.Resilience.Ledger.IdempotencyKeys.For(call, turn: 0);
        await harness.Stores.Ledger.TryBeginAsync(new Warden.Resilience.Ledger.LedgerEntry(key, "s1", "pay", harness.Time.GetUtcNow(), null), GateHarness.Ct);

        var result = await harness.Gate.InvokeAsync(call, GateHarness.Ct);

        Assert.Equal(("execution", "ledger.unfinished"), (result.Stage, result.Decision.Rule));
        Assert.Equal(0, runs[0]);
    }

    [Fact]
    public async Task Concurrent_calls_cannot_overshoot_the_tool_call_budget()
    {
        var gate = new TaskCompletionSource();
        var runs = new int[1];
        var slow = InProcessTool.Create("pay", async (_, ct) =>
        {
            Interlocked.Increment(ref runs[0]);
            await gate.Task.WaitAsync(ct);
            return ToolResult.Ok("paid");
        });
        var harness = new ResilientHarness(Policy.Replace("concurrent_calls: 2", "concurrent_calls: 50"), [slow]);

        var calls = Enumerable.Range(0, 20).Select(i => harness.InvokeAsync("pay", $$"""{"n": {{i}}}""").AsTask()).ToList();
        await Task.Delay(100, GateHarness.Ct);
        gate.SetResult();
        var results = await Task.WhenAll(calls);

        Assert.Equal(5, results.Count(r => r.Succeeded));
        Assert.Equal(15, results.Count(r => r.Decision.Rule == "agents.agent.limits.tool_calls_per_session"));
        Assert.Equal(5, runs[0]);
    }

    [Fact]
    public async Task Calls_past_the_agents_concurrency_limit_are_throttled()
    {
        var release = new TaskCompletionSource();
        var slow = InProcessTool.Create("pay", async (_, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return ToolResult.Ok("paid");
        });
        var harness = new ResilientHarness(Policy.Replace("tool_calls_per_session: 5", "tool_calls_per_session: 50"), [slow]);

        var first = harness.InvokeAsync("pay", """{"n": 1}""", session: "a").AsTask();
        var second = harness.InvokeAsync("pay", """{"n": 2}""", session: "b").AsTask();
        await Task.Delay(50, GateHarness.Ct);
        var third = await harness.InvokeAsync("pay", """{"n": 3}""", session: "c");
        release.SetResult();

        Assert.Equal((DecisionKind.Throttle, "agents.agent.limits.concurrent_calls"), (third.Decision.Kind, third.Decision.Rule));
        Assert.NotNull(third.Decision.RetryAfter);
        Assert.True((await first).Succeeded);
        Assert.True((await second).Succeeded);
        Assert.True((await harness.InvokeAsync("pay", """{"n": 4}""", session: "c")).Succeeded);
    }
}

public sealed class LedgerReviewTests
{
    private const string Policy = """
        agents:
          a: { role: READER }
          b: { role: READER }
        tools:
          read_pii: { capability: documents.read, labels: [private] }
          echo: { capability: documents.read }
        """;

    [Fact]
    public async Task A_callers_key_cannot_reach_another_agents_or_sessions_recorded_result()
    {
        var harness = new ResilientHarness(Policy, [ResilientHarness.Scripted("read_pii", _ => false, new int[1]), ResilientHarness.Scripted("echo", _ => false, new int[1])]);
        var secret = GateHarness.Call("read_pii", "{}", session: "a:b", agent: "b") with { IdempotencyKey = "c" };
        await harness.Gate.InvokeAsync(secret, GateHarness.Ct);

        var probe = GateHarness.Call("echo", "{}", session: "a", agent: "a") with { IdempotencyKey = "b:c" };
        var result = await harness.Gate.InvokeAsync(probe, GateHarness.Ct);

        Assert.Equal("echo ran (1)", result.Outcome!.Output);
        Assert.Empty(harness.Gate.Sessions.Find("a")!.Labels);
    }

    [Fact]
    public async Task A_replay_gives_the_session_the_tools_labels_again()
    {
        var harness = new ResilientHarness(Policy, [ResilientHarness.Scripted("read_pii", _ => false, new int[1]), ResilientHarness.Scripted("echo", _ => false, new int[1])]);
        var call = GateHarness.Call("read_pii", "{}", session: "s", agent: "a");
        await harness.Gate.InvokeAsync(call, GateHarness.Ct);

        // A crash lost the checkpoint that held the label; the restarted gate replays the call.
        var fresh = new ResilientHarness(Policy, [ResilientHarness.Scripted("read_pii", _ => false, new int[1]), ResilientHarness.Scripted("echo", _ => false, new int[1])], Warden.Resilience.ResilienceStores.InMemory() with { Ledger = harness.Stores.Ledger });
        var replay = await fresh.Gate.InvokeAsync(call, GateHarness.Ct);

        Assert.Contains(replay.Trail, t => t.Decision.Rule == "ledger.replayed");
        Assert.Equal(["private"], fresh.Gate.Sessions.Find("s")!.Labels);
    }

    [Fact]
    public async Task A_timed_out_call_stays_unfinished_and_is_not_run_again()
    {
        var runs = new int[1];
        var hang = InProcessTool.Create("echo", async (_, _) =>
        {
            Interlocked.Increment(ref runs[0]);
            await Task.Delay(Timeout.Infinite, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            return ToolResult.Ok("late");
        });
        var harness = new ResilientHarness(Policy, [hang, ResilientHarness.Scripted("read_pii", _ => false, new int[1])]);
        var first = harness.InvokeAsync("echo", agent: "a").AsTask();
        await Task.Delay(50, GateHarness.Ct);
        harness.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(ToolStatus.TimedOut, (await first).Outcome!.Status);

        var again = await harness.InvokeAsync("echo", agent: "a");

        Assert.Equal("ledger.unfinished", again.Decision.Rule);
        Assert.Equal(1, runs[0]);
    }
}
