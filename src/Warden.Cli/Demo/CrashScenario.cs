using System.Diagnostics;
using System.Text.Json;
using Warden.Policies;
using Warden.Resilience.Checkpoints;

namespace Warden.Cli.Demo;

/// <summary>
/// The crash-and-recover scenario: a separate agent process (<c>warden demo-agent</c>) plays part of a
/// session on the data folder's SQLite store and is killed with SIGKILL; this process then restores
/// the session from its checkpoint, replays the agent's last call from the ledger, and shows that the
/// labels the dead process earned still stop a leak.
/// </summary>
internal sealed class CrashScenario(DemoWorld world, string policyPath)
{
    public const string Name = "crash-and-recover";

    public const string Description =
        "The agent's process is killed with SIGKILL mid-session; a new gate on the same data folder restores the session (state hash checked), the repeated call gets the ledger's result, and the labels still stop the leak.";

    /// <summary>What the agent process does before it is killed.</summary>
    public const string Prompt = "Compare our Q3 plan with the competitor's pricing.";

    public const string PlanArguments = """{"name":"q3-plan.md"}""";

    public const string PageArguments = """{"url":"https://competitor.example/pricing"}""";

    public async Task<ScenarioReport> RunAsync(Gate gate, string sessionId, CancellationToken cancellationToken)
    {
        var steps = new List<StepReport>();
        using var agent = Process.Start(AgentStart(sessionId)) ?? throw new IOException("the agent process did not start");
        AgentState? before;
        try
        {
            var line = await agent.StandardOutput.ReadLineAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            before = line is null ? null : JsonSerializer.Deserialize<AgentState>(line, CliJson.Options);
        }
        finally
        {
            agent.Kill(); // SIGKILL: no chance to flush or say goodbye
            await agent.WaitForExitAsync(CancellationToken.None);
        }

        if (before is null)
        {
            var error = await agent.StandardError.ReadToEndAsync(cancellationToken);
            steps.Add(Step(1, "agent process", "deny", "agent.failed", $"the agent process ended before its session was under way: {error.Trim()}", "allow", "the agent plays a prompt and two calls"));
            return new ScenarioReport(Name, Description, steps);
        }

        steps.Add(Step(1, $"warden demo-agent (pid {agent.Id}): prompt, read_document, fetch_url", "allow", "checkpoint",
            $"checkpoint {before.Checkpoint} written before each answer: {before.Turns} turn, {before.ToolCalls} tool calls, labels {string.Join(", ", before.Labels)}",
            "allow", "a separate agent process reads the plan and a page that hides an instruction"));
        steps.Add(Step(2, "kill -9 the agent process", "allow", "SIGKILL",
            $"the agent process was killed (exit code {agent.ExitCode}) while it waited for its next turn", "allow", "a crash: nothing is flushed, nothing is said"));

        var recovery = await gate.RecoverSessionAsync(sessionId, cancellationToken);
        var session = recovery.Session;
        var same = recovery.Status == RecoveryStatus.Restored && session is not null && session.Turns == before.Turns
            && session.ToolCalls == before.ToolCalls && session.Labels.SequenceEqual(before.Labels) && recovery.Checkpoint!.StateHash == before.StateHash;
        steps.Add(Step(3, "a new gate restores the session from warden.db", same ? "allow" : "deny", $"recovery.{recovery.Status.ToString().ToLowerInvariant()}",
            same
                ? $"{recovery.Detail}; state hash {before.StateHash[..12]}… verified; turns, tool calls and labels as before the crash"
                : $"{recovery.Detail}; the restored state differs from the agent's",
            "allow", "recovery restores counters and labels, and checks the state hash"));

        var principal = new Principal(DemoScript.Agent);
        var replay = await gate.InvokeAsync(ToolCall.Create("fetch_url", PageArguments, sessionId, principal), cancellationToken);
        var replayed = replay.Trail.Any(t => t.Decision.Rule == "ledger.replayed");
        steps.Add(new StepReport(4, "tool", "fetch_url", null, JsonDocument.Parse(PageArguments).RootElement.Clone(), replayed ? "allow" : "deny", replay.Stage,
            replayed ? "ledger.replayed" : replay.Decision.Rule, replayed ? "the call already completed before the crash: its recorded result is returned, the page is not fetched again" : replay.Decision.Reason,
            "allow", "the restarted agent repeats its last call", replay.Outcome?.Status.ToString().ToLowerInvariant(), replay.Outcome?.Output[..Math.Min(120, replay.Outcome.Output.Length)], []));

        var mail = JsonSerializer.Serialize(new { to = "finance-review@example.com", subject = "Q3 plan", body = "Q3 plan: Atlas tier at 49 EUR; Brightline acquisition." });
        var leak = await gate.InvokeAsync(ToolCall.Create("send_email", mail, sessionId, principal), cancellationToken);
        steps.Add(new StepReport(5, "tool", "send_email", null, JsonDocument.Parse(mail).RootElement.Clone(), Style.Name(leak.Decision.Kind), leak.Stage,
            leak.Decision.Rule, leak.Decision.Reason, "deny", "the page's instruction is followed after the restart: the labels the dead process earned still stop the leak", null, null, []));
        return new ScenarioReport(Name, Description, steps);
    }

    private ProcessStartInfo AgentStart(string sessionId)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(CrashScenario).Assembly.Location);
        }

        foreach (var argument in new[] { "demo-agent", "--data", world.Root, "--session", sessionId, "--policy", policyPath })
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static StepReport Step(int number, string action, string decision, string rule, string reason, string expected, string narration) =>
        new(number, "process", null, action, null, decision, null, rule, reason, expected, narration, null, null, []);

    /// <summary>The state the agent process reports before it waits to be killed.</summary>
    internal sealed record AgentState(string Session, int Turns, int ToolCalls, IReadOnlyList<string> Labels, long Checkpoint, string StateHash);

    /// <summary>The agent process: plays the first half of the session, reports, and waits.</summary>
    internal static async Task<int> PlayAgentAsync(Policy policy, DemoWorld world, string sessionId, CancellationToken cancellationToken)
    {
        world.Seed();
        await using var demoGate = DemoGate.Open(policy, world, TimeProvider.System);
        var gate = demoGate.Gate;
        var principal = new Principal(DemoScript.Agent);
        await gate.InspectInputAsync(principal, sessionId, Prompt, cancellationToken);
        await gate.InvokeAsync(ToolCall.Create("read_document", PlanArguments, sessionId, principal), cancellationToken);
        await gate.InvokeAsync(ToolCall.Create("fetch_url", PageArguments, sessionId, principal), cancellationToken);
        var session = gate.Sessions.Find(sessionId)!;
        var checkpoint = await gate.Checkpoints!.LatestAsync(sessionId, cancellationToken);
        Console.WriteLine(JsonSerializer.Serialize(
            new AgentState(sessionId, session.Turns, session.ToolCalls, session.Labels, checkpoint!.Sequence, checkpoint.StateHash), CliJson.Lines));
        await Console.Out.FlushAsync(cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return 0;
    }
}
