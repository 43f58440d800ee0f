using System.Text.Json;
using Warden.Auditing;
using Warden.Policies;

namespace Warden.Cli.Demo;

/// <summary>Plays the scripted scenarios through a real gate and writes the audit log to the data folder.</summary>
internal sealed class DemoRunner(Policy policy, string policyPath, DemoWorld world, TimeProvider time)
{
    private const int MaxOutputChars = 160;

    public async Task<DemoReport> RunAsync(IReadOnlyList<DemoScenario> scenarios, Action<string>? progress, CancellationToken cancellationToken)
    {
        world.Seed();
        await using var demoGate = DemoGate.Open(policy, world, time);
        await demoGate.ResetCircuitsAsync(DemoScript.Agent, cancellationToken);
        var audit = demoGate.Audit;
        var gate = demoGate.Gate;
        var principal = new Principal(DemoScript.Agent);
        var runId = time.GetUtcNow().ToUnixTimeMilliseconds();
        var reports = new List<ScenarioReport>();
        foreach (var scenario in scenarios)
        {
            progress?.Invoke(scenario.Name);
            var sessionId = $"{scenario.Name}-{runId}";
            if (scenario.Name == CrashScenario.Name)
            {
                reports.Add(await new CrashScenario(world, policyPath).RunAsync(gate, sessionId, cancellationToken));
                continue;
            }

            var seen = new List<string>();
            var steps = new List<StepReport>();
            foreach (var step in scenario.Steps)
            {
                var payload = step.Payload(seen);
                var report = step.Tool is null
                    ? await PromptAsync(gate, principal, sessionId, payload, step, steps.Count + 1, cancellationToken)
                    : await CallAsync(gate, principal, sessionId, step.Tool, payload, step, steps.Count + 1, cancellationToken);
                steps.Add(report.Report);
                seen.Add(report.Seen);
            }

            reports.Add(new ScenarioReport(scenario.Name, scenario.Description, steps));
        }

        // This run's events (the log in audit.db keeps every run), also written out as JSON Lines.
        var events = (await audit.QueryAsync(new AuditQuery { Limit = int.MaxValue }, cancellationToken))
            .Where(e => e.SessionId.EndsWith($"-{runId}", StringComparison.Ordinal)).ToList();
        await using (var writer = new StreamWriter(world.AuditLog, append: true))
        {
            foreach (var auditEvent in Enumerable.Reverse(events))
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(auditEvent, CliJson.Lines));
            }
        }

        var anomalies = events.Where(e => e.Type == AuditEventType.Anomaly).Reverse().Select(e => $"{e.Rule}: {e.Reason}").ToList();
        return new DemoReport(policyPath, world.Root, reports, events.Count, world.AuditLog, anomalies);
    }

    private static async Task<(StepReport Report, string Seen)> PromptAsync(
        Gate gate, Principal principal, string sessionId, string prompt, DemoStep step, int number, CancellationToken cancellationToken)
    {
        var result = await gate.InspectInputAsync(principal, sessionId, prompt, cancellationToken);
        var decision = result.Decision;
        var report = new StepReport(
            number, "prompt", null, prompt, null, Style.Name(decision.Kind), decision.IsAllowed ? null : "input-inspection",
            decision.Rule, decision.Reason, Style.Name(step.Expected), step.Narration, null, result.Text, Describe(result.Findings));
        return (report, result.Text);
    }

    private static async Task<(StepReport Report, string Seen)> CallAsync(
        Gate gate, Principal principal, string sessionId, string tool, string arguments, DemoStep step, int number, CancellationToken cancellationToken)
    {
        var call = ToolCall.Create(tool, arguments, sessionId, principal);
        var result = await gate.InvokeAsync(call, cancellationToken);
        var decision = result.Decision;
        var output = result.Outcome?.Output ?? string.Empty;
        var report = new StepReport(
            number, "tool", tool, null, call.Arguments, Style.Name(decision.Kind), result.Stage, decision.Rule, decision.Reason,
            Style.Name(step.Expected), step.Narration, result.Outcome?.Status.ToString().ToLowerInvariant(), Shorten(output), Describe(result.Findings));
        return (report, output);
    }

    private static List<string> Describe(IReadOnlyList<Finding> findings) =>
        findings.Select(f => $"{f.Kind}:{f.DetectorId}@{f.Location} ({f.Score:0.00})").ToList();

    private static string Shorten(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= MaxOutputChars ? flat : flat[..MaxOutputChars] + "…";
    }
}
