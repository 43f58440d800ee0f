using Spectre.Console;

namespace Warden.Cli.Demo;

/// <summary>Renders the gateway demo's steps, then how to connect an agent of your own.</summary>
internal static class GatewayDemoView
{
    public static void Render(IReadOnlyList<GatewayDemoStep> steps, Uri mcpEndpoint)
    {
        var table = new Table().Border(TableBorder.Rounded).Expand()
            .Title("[bold]a scripted agent through the gateway[/], over HTTP")
            .AddColumn("#").AddColumn("who").AddColumn("asks").AddColumn("answer").AddColumn("why, or what came back");
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            table.AddRow(
                (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(step.Who),
                Markup.Escape(step.Action),
                Colour(step.Outcome) + (step.AsExpected ? string.Empty : $" [red](expected {Markup.Escape(step.Expected)})[/]"),
                Markup.Escape(step.Detail));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(steps.All(s => s.AsExpected)
            ? "[green]Every step was answered as the script expects.[/]"
            : "[red]Some steps were not answered as the script expects (marked above).[/]");

        var root = mcpEndpoint.GetLeftPart(UriPartial.Authority);
        AnsiConsole.WriteLine();
        AnsiConsole.MarkupLine("[bold]Connect an agent[/] (any MCP client, Streamable HTTP):");
        AnsiConsole.MarkupLine($"  endpoint  {Markup.Escape(mcpEndpoint.ToString())}");
        AnsiConsole.MarkupLine($"  headers   Authorization: Bearer {GatewayDemoScript.AssistantKey}   (or {GatewayDemoScript.ReaderKey}, read-only)");
        AnsiConsole.MarkupLine("            X-Warden-Session: any-id   (labels and counters are kept per agent and session)");
        AnsiConsole.MarkupLine("  for example, with Node.js:");
        AnsiConsole.MarkupLine(Markup.Escape($"    npx @modelcontextprotocol/inspector --cli {mcpEndpoint} --transport http --header \"Authorization: Bearer {GatewayDemoScript.AssistantKey}\" --method tools/list"));
        AnsiConsole.MarkupLine("[bold]Admin API[/] (Authorization: Bearer " + GatewayDemoScript.AdminKey + "):");
        AnsiConsole.MarkupLine(Markup.Escape($"    curl -H \"Authorization: Bearer {GatewayDemoScript.AdminKey}\" \"{root}/admin/audit?limit=5\""));
        AnsiConsole.MarkupLine(Markup.Escape($"    curl -H \"Authorization: Bearer {GatewayDemoScript.AdminKey}\" {root}/admin/approvals?status=pending"));
    }

    private static string Colour(string outcome) => outcome switch
    {
        "allow" or "listed" => $"[green]{outcome}[/]",
        "require-approval" => $"[yellow]{outcome}[/]",
        _ when outcome.StartsWith("HTTP 2", StringComparison.Ordinal) => $"[green]{Markup.Escape(outcome)}[/]",
        _ => $"[red]{Markup.Escape(outcome)}[/]",
    };
}
