using Spectre.Console;

namespace Warden.Cli.Demo;

/// <summary>Renders a demo report as tables.</summary>
internal static class DemoView
{
    public static void Render(DemoReport report)
    {
        foreach (var scenario in report.Scenarios)
        {
            var table = new Table().Border(TableBorder.Rounded).Expand()
                .Title($"[bold]{Markup.Escape(scenario.Name)}[/]: {Markup.Escape(scenario.Description)}")
                .AddColumn("#").AddColumn("agent does").AddColumn("decision").AddColumn("rule, and why");
            foreach (var step in scenario.Steps)
            {
                var action = step.Tool is not null ? $"{step.Tool} {step.Arguments}" : step.Action == "prompt" ? $"prompt: {step.Prompt}" : step.Prompt ?? string.Empty;
                var why = (step.Outcome is null ? step.Reason : $"{step.Outcome}: {step.Output}") +
                    (step.Findings.Count == 0 ? string.Empty : $" [found {string.Join(", ", step.Findings)}]");
                var decision = Style.Decision(DecisionKindOf(step.Decision)) + (step.AsExpected ? string.Empty : " [red](unexpected)[/]");
                table.AddRow(
                    step.Step.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(Shorten(action, 60)),
                    decision,
                    $"[bold]{Markup.Escape(step.Rule)}[/]: {Markup.Escape(Shorten(why, 160))}\n[grey]{Markup.Escape(step.Narration)}[/]");
            }

            AnsiConsole.Write(table);
        }

        AnsiConsole.MarkupLine($"{report.AuditEvents} audit events appended to [bold]{Markup.Escape(report.AuditFile)}[/].");
        foreach (var anomaly in report.Anomalies)
        {
            AnsiConsole.MarkupLine($"[yellow]Anomaly[/] {Markup.Escape(anomaly)}");
        }

        AnsiConsole.MarkupLine(report.AsExpected
            ? "[green]Every step was decided as the script expects.[/]"
            : "[red]Some steps were not decided as the script expects (marked above).[/]");
    }

    private static DecisionKind DecisionKindOf(string name) => name switch
    {
        "allow" => DecisionKind.Allow,
        "deny" => DecisionKind.Deny,
        "require-approval" => DecisionKind.RequireApproval,
        _ => DecisionKind.Throttle,
    };

    private static string Shorten(string text, int max)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= max ? flat : flat[..max] + "…";
    }
}
