using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Warden.Auditing;
using Warden.Storage.Sqlite;

namespace Warden.Cli.Commands;

/// <summary><c>warden audit verify</c> and <c>warden audit query</c> over the data folder's audit log.</summary>
internal static class AuditCommands
{
    public static Command Create() => new("audit", "Check and read the hash-chained audit log (DATA/audit.db).")
    {
        CreateVerify(),
        CreateQuery(),
        CreateExport(),
        AuditDigestCommand.Create(),
        AuditAlertsCommand.Create(),
    };

    private static Option<string> DataOption() => new("--data") { Description = "The data folder.", DefaultValueFactory = _ => "warden-data" };

    private static Command CreateVerify()
    {
        var data = DataOption();
        var publicKey = new Option<string?>("--public-key") { Description = "The heads' Ed25519 public key (hex, or a file holding it); default: the data folder's audit-signing.pub. Give a copy kept elsewhere." };
        var command = new Command("verify", "Check the audit log's hash chain from its first event; exit 1 naming the first event that was edited, removed, inserted or reordered.")
        {
            data, publicKey,
        };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(data)!;
            byte[]? key = null;
            if (parse.GetValue(publicKey) is { } given)
            {
                var hex = File.Exists(given) ? File.ReadAllText(given).Trim() : given.Trim();
                try
                {
                    key = Convert.FromHexString(hex);
                }
                catch (FormatException)
                {
                    key = null;
                }

                if (key is not { Length: 32 })
                {
                    Console.Error.WriteLine($"warden: --public-key must be 64 hex digits (an Ed25519 public key) or a file holding them");
                    return ExitCodes.BadInput;
                }
            }

            AuditVerification result;
            try
            {
                var progress = new Progress<long>(n => Console.Error.WriteLine($"checked {n:N0} events…"));
                result = AuditVerifier.Verify(folder, Console.IsErrorRedirected ? null : progress, key);
            }
            catch (FileNotFoundException e)
            {
                Console.Error.WriteLine($"warden: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (Microsoft.Data.Sqlite.SqliteException e)
            {
                Console.Error.WriteLine($"warden: the audit log in '{folder}' cannot be read: {e.Message}");
                return ExitCodes.Finding;
            }

            if (result.Intact)
            {
                Console.WriteLine($"audit log intact: {result.Events:N0} events, head {result.Head}; {result.SignedHeads:N0} signed heads verified, {result.Unsigned:N0} events after the last one");
                return ExitCodes.Success;
            }

            Console.WriteLine($"audit log broken at event {result.FirstBad} (id {result.FirstBadId}): {result.Problem}; the {result.Events:N0} events before it are intact");
            return ExitCodes.Finding;
        });
        return command;
    }

    private static Command CreateQuery()
    {
        var data = DataOption();
        var agent = new Option<string?>("--agent") { Description = "Only this agent's events." };
        var session = new Option<string?>("--session") { Description = "Only this session's events." };
        var type = new Option<string?>("--type") { Description = "Only events of this type: TOOL_CALL, USER_INPUT, ERROR, SECURITY_VIOLATION, APPROVAL, POLICY_CHANGE, ANOMALY." };
        var since = new Option<string?>("--since") { Description = "Only events at or after this time (ISO 8601)." };
        var until = new Option<string?>("--until") { Description = "Only events before this time (ISO 8601)." };
        var limit = new Option<int>("--limit") { Description = "At most this many events, newest first.", DefaultValueFactory = _ => 100 };
        var json = new Option<bool>("--json") { Description = "One JSON object per line instead of a table." };
        var decision = new Option<string?>("--decision") { Description = "Only events with this decision: allow, deny, require-approval, throttle." };
        var tool = new Option<string?>("--tool") { Description = "Only events of calls to this tool." };
        var before = new Option<string?>("--before") { Description = "The cursor: only events older than the event with this id (printed after a full page)." };
        var command = new Command("query", "Show audit events, newest first, a page at a time.")
        {
            data, agent, session, type, since, until, decision, tool, limit, before, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(data)!;
            if (!File.Exists(Path.Combine(folder, SqliteAuditStore.FileName)))
            {
                Console.Error.WriteLine($"warden: there is no audit log in '{folder}' ({SqliteAuditStore.FileName})");
                return ExitCodes.BadInput;
            }

            AuditEventType? eventType = null;
            if (parse.GetValue(type) is { } typeText)
            {
                if (!Enum.TryParse<AuditEventType>(typeText.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var parsed))
                {
                    Console.Error.WriteLine($"warden: --type '{typeText}' is not an event type: use {string.Join(", ", Enum.GetNames<AuditEventType>())}");
                    return ExitCodes.BadInput;
                }

                eventType = parsed;
            }

            if (!TryTime(parse.GetValue(since), "--since", out var from) || !TryTime(parse.GetValue(until), "--until", out var to))
            {
                return ExitCodes.BadInput;
            }

            DecisionKind? decisionKind = null;
            if (parse.GetValue(decision) is { } decisionText)
            {
                decisionKind = Enum.GetValues<DecisionKind>().Cast<DecisionKind?>().FirstOrDefault(k => DecisionNames.Of(k!.Value) == decisionText);
                if (decisionKind is null)
                {
                    Console.Error.WriteLine($"warden: --decision '{decisionText}' is not a decision: use allow, deny, require-approval or throttle");
                    return ExitCodes.BadInput;
                }
            }

            IReadOnlyList<AuditEvent> events;
            try
            {
                // Read-only: querying a log (evidence, perhaps) never writes to it.
                events = await SqliteAuditReader.OpenReadOnly(folder).QueryAsync(
                    new AuditQuery
                    {
                        AgentId = parse.GetValue(agent), SessionId = parse.GetValue(session), Type = eventType, Since = from, Until = to,
                        Decision = decisionKind, Tool = parse.GetValue(tool), BeforeId = parse.GetValue(before), Limit = parse.GetValue(limit),
                    },
                    cancellationToken);
            }
            catch (Exception e) when (e is IOException or Microsoft.Data.Sqlite.SqliteException or JsonException)
            {
                Console.Error.WriteLine($"warden: cannot read the audit log in '{folder}': {e.Message}");
                return ExitCodes.BadInput;
            }
            if (parse.GetValue(json))
            {
                foreach (var auditEvent in events)
                {
                    Console.WriteLine(JsonSerializer.Serialize(auditEvent, CliJson.Lines));
                }
            }
            else
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumns("time", "type", "agent", "session", "tool", "decision", "rule");
                foreach (var e in events)
                {
                    table.AddRow(Markup.Escape(e.Timestamp.ToString("u", CultureInfo.InvariantCulture)), JsonNamingPolicy.SnakeCaseUpper.ConvertName(e.Type.ToString()), Markup.Escape(e.AgentId), Markup.Escape(e.SessionId), Markup.Escape(e.Tool ?? "-"), DecisionNames.Of(e.Decision), Markup.Escape(e.Rule));
                }

                AnsiConsole.Write(table);
                Console.WriteLine($"{events.Count} events");
            }

            if (events.Count == parse.GetValue(limit) && events.Count > 0)
            {
                Console.Error.WriteLine($"more: --before {events[^1].Id}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateExport()
    {
        var data = DataOption();
        var format = new Option<string>("--format") { Description = "The output format (jsonl: one JSON event per line).", DefaultValueFactory = _ => "jsonl" };
        var output = new Option<string?>("--output") { Description = "Where to write (default: standard output)." };
        var since = new Option<string?>("--since") { Description = "Only events at or after this time (ISO 8601)." };
        var command = new Command("export", "Write the audit log, oldest first, as JSON Lines for a SIEM.") { data, format, output, since };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(data)!;
            if (parse.GetValue(format) != "jsonl")
            {
                Console.Error.WriteLine($"warden: --format '{parse.GetValue(format)}' is not supported: use jsonl");
                return ExitCodes.BadInput;
            }

            if (!File.Exists(Path.Combine(folder, SqliteAuditStore.FileName)))
            {
                Console.Error.WriteLine($"warden: there is no audit log in '{folder}' ({SqliteAuditStore.FileName})");
                return ExitCodes.BadInput;
            }

            if (!TryTime(parse.GetValue(since), "--since", out var from))
            {
                return ExitCodes.BadInput;
            }

            var path = parse.GetValue(output);
            if (path is not null && OutputPath.Problem(path) is { } problem)
            {
                Console.Error.WriteLine($"warden: --output '{path}': {problem}");
                return ExitCodes.BadInput;
            }

            var count = 0;
            try
            {
                await using var writer = path is null ? Console.Out : new StreamWriter(path);
                // Read-only: exporting a log (evidence, perhaps) never writes to it.
                await foreach (var auditEvent in SqliteAuditReader.OpenReadOnly(folder).ExportAsync(new AuditQuery { Since = from }, cancellationToken))
                {
                    await writer.WriteLineAsync(JsonSerializer.Serialize(auditEvent, CliJson.Lines));
                    count++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or JsonException)
            {
                Console.Error.WriteLine($"warden: cannot export the audit log in '{folder}': {e.Message}");
                return ExitCodes.BadInput;
            }

            Console.Error.WriteLine($"exported {count:N0} events");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Parses an optional ISO 8601 time; false (after saying why) when it is given and is not one.</summary>
    private static bool TryTime(string? text, string option, out DateTimeOffset? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        Console.Error.WriteLine($"warden: {option} '{text}' is not a time: write e.g. 2026-11-24T10:00:00Z");
        return false;
    }
}
