using System.Globalization;
using Spectre.Console;
using Warden.Detection.Evaluation;

namespace Warden.Cli.Commands;

/// <summary>Renders an evaluation report as tables.</summary>
internal static class EvaluationView
{
    public static void Render(EvaluationReport report, string title = "detection")
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(title)}[/]")
            .AddColumns("group", "n", "injections", "AUC", "recall@1%FPR", "precision", "recall", "F1", "FPR");
        Add(table, "overall", report.Overall);
        foreach (var (kind, metrics) in report.ByKind)
        {
            Add(table, $"kind: {kind}", metrics);
        }

        foreach (var (source, metrics) in report.BySource)
        {
            Add(table, source, metrics);
        }

        AnsiConsole.Write(table);
    }

    public static void Render(EvasionReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]recall under evasions ({report.Count} injections)[/]")
            .AddColumns("family", "recall", "change");
        table.AddRow("plain", Format(report.PlainRecall), string.Empty);
        foreach (var (family, recall) in report.Families)
        {
            table.AddRow(Markup.Escape(family), Format(recall), (recall - report.PlainRecall).ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
    }

    private static void Add(Table table, string group, DetectionMetrics m) => table.AddRow(
        Markup.Escape(group),
        m.Count.ToString(CultureInfo.InvariantCulture),
        m.Positives.ToString(CultureInfo.InvariantCulture),
        Format(m.Auc),
        Format(m.RecallAt1PercentFpr),
        Format(m.Precision),
        Format(m.Recall),
        Format(m.F1),
        Format(m.FalsePositiveRate));

    private static string Format(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);
}
