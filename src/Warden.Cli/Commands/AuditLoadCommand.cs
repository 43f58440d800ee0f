using System.CommandLine;
using Warden.Auditing;
using Warden.Storage.Sqlite;

namespace Warden.Cli.Commands;

/// <summary>
/// <c>warden audit-load</c> (hidden): appends events to the data folder's audit log from concurrent
/// writers until it is killed, printing each event's id once the log has acknowledged it — for the
/// test that kills the process with SIGKILL under load and then checks that nothing acknowledged is lost.
/// </summary>
internal static class AuditLoadCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "The data folder.", Required = true };
        var writers = new Option<int>("--writers") { Description = "Concurrent writers.", DefaultValueFactory = _ => 16 };
        var command = new Command("audit-load", "Append events from concurrent writers until killed; print each acknowledged id.") { data, writers };
        command.Hidden = true;
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = SqliteAuditStore.Open(parse.GetValue(data)!);
            var output = TextWriter.Synchronized(Console.Out);
            await Task.WhenAll(Enumerable.Range(0, Math.Max(1, parse.GetValue(writers))).Select(writer => Task.Run(async () =>
            {
                for (var i = 0; !cancellationToken.IsCancellationRequested; i++)
                {
                    var id = $"load-{writer}-{i}";
                    await store.AppendAsync(
                        new AuditEvent
                        {
                            Id = id,
                            Timestamp = DateTimeOffset.UtcNow,
                            Type = AuditEventType.ToolCall,
                            AgentId = $"agent-{writer % 4}",
                            SessionId = $"session-{writer}",
                            Tool = "read_mail",
                            Decision = DecisionKind.Allow,
                            Rule = "roles.READER",
                            Reason = "load",
                        },
                        CancellationToken.None);
                    await output.WriteLineAsync(id);
                }
            }, CancellationToken.None)));
            return ExitCodes.Success;
        });
        return command;
    }
}
