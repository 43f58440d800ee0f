using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Warden.Auditing;
using Warden.Replay;
using Warden.Storage.Sqlite;

namespace Warden.Cli.Commands;

/// <summary>
/// <c>warden policy replay --policy NEW --data DIR</c>: the recorded calls decided again under a candidate
/// policy; lists the decisions that would change and exits 1 when any would.
/// </summary>
internal static class PolicyReplayCommand
{
    public static Command Create()
    {
        var policy = new Option<string>("--policy") { Description = "The candidate policy.", Required = true };
        var data = new Option<string>("--data") { Description = "The data folder whose audit log holds the recorded calls.", DefaultValueFactory = _ => "warden-data" };
        var since = new Option<string?>("--since") { Description = "Only calls recorded since this time (ISO 8601)." };
        var json = new Option<bool>("--json") { Description = "One JSON object per changed decision, then a summary object." };
        var command = new Command("replay", "Decide the recorded calls again under a candidate policy and report which decisions would change (exit 1 when any would).")
        {
            policy, data, since, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var policyPath = parse.GetValue(policy)!;
            if (PolicyFile.Load(policyPath, out _) is not { Policy: { } candidate })
            {
                return ExitCodes.BadInput; // the diagnostics are printed
            }

            var folder = parse.GetValue(data)!;
            if (!File.Exists(Path.Combine(folder, SqliteAuditStore.FileName)))
            {
                Console.Error.WriteLine($"warden: there is no audit log in '{folder}' (give --data)");
                return ExitCodes.BadInput;
            }

            DateTimeOffset? from = null;
            if (parse.GetValue(since) is { } sinceText)
            {
                if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    Console.Error.WriteLine($"warden: --since '{sinceText}' is not a time (ISO 8601)");
                    return ExitCodes.BadInput;
                }

                from = parsed;
            }

            ReplayReport report;
            try
            {
                // The whole log, read-only, so that each session is rebuilt from its first call; changes from --since on.
                var log = SqliteAuditReader.OpenReadOnly(folder);
                report = await PolicyReplay.ReplayAsync(log.ExportAsync(new AuditQuery(), cancellationToken), candidate, reportFrom: from, cancellationToken: cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or JsonException)
            {
                Console.Error.WriteLine($"warden: cannot read the audit log in '{folder}': {e.Message}");
                return ExitCodes.BadInput;
            }

            var summary = $"{report.Replayed} recorded calls decided again under {policyPath}; {report.Changes.Count} decisions would change"
                + (report.Changes.Count == 0 ? string.Empty : " (" + string.Join(", ", report.Changes.GroupBy(c => $"{DecisionNames.Of(c.Was)} → {DecisionNames.Of(c.Would)}").Select(g => $"{g.Count()} {g.Key}")) + ")")
                + (report.RefusedBeforeThePolicy == 0 ? string.Empty : $"; {report.RefusedBeforeThePolicy} calls refused before any policy rule (malformed, or another agent's session) were not replayed");
            if (parse.GetValue(json))
            {
                foreach (var change in report.Changes)
                {
                    Console.WriteLine(JsonSerializer.Serialize(change, CliJson.Lines));
                }

                Console.WriteLine(JsonSerializer.Serialize(new { report.Replayed, Changed = report.Changes.Count, report.RefusedBeforeThePolicy }, CliJson.Lines));
            }
            else
            {
                if (report.Changes.Count > 0)
                {
                    var table = new Table().Border(TableBorder.Rounded).AddColumns("time", "agent", "tool", "was", "would be", "because");
                    foreach (var c in report.Changes)
                    {
                        table.AddRow(
                            c.At.ToString("u", CultureInfo.InvariantCulture), Markup.Escape(c.AgentId), Markup.Escape(c.Tool),
                            Markup.Escape($"{DecisionNames.Of(c.Was)} ({c.WasRule})"), Markup.Escape($"{DecisionNames.Of(c.Would)} ({c.WouldRule})"), Markup.Escape(c.WouldReason));
                    }

                    AnsiConsole.Write(table);
                }

                Console.WriteLine(summary);
                Console.WriteLine("(not reproduced: arguments are masked in the log, so a schema check on a masked value may decide differently; circuit breakers and rate limits are the runtime's and are not replayed; roles carried by JWTs are not in the log)");
            }

            return report.Changes.Count > 0 ? ExitCodes.Finding : ExitCodes.Success;
        });
        return command;
    }
}
