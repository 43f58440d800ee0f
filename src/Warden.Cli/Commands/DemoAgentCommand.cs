using System.CommandLine;
using Warden.Cli.Demo;

namespace Warden.Cli.Commands;

/// <summary>
/// <c>warden demo-agent</c> (hidden): the agent process of the demo's crash-and-recover scenario. It
/// plays the first half of a session on the data folder's store, prints its state as one JSON line,
/// and waits to be killed.
/// </summary>
internal static class DemoAgentCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "The data folder.", Required = true };
        var session = new Option<string>("--session") { Description = "The session id.", Required = true };
        var policy = new Option<string?>("--policy") { Description = "The policy (default: the sample policy)." };
        var command = new Command("demo-agent", "The demo's agent process for the crash scenario (plays, reports, waits to be killed).")
        {
            data, session, policy,
        };
        command.Hidden = true;
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (PolicyFile.Load(parse.GetValue(policy) ?? PolicyFile.SamplePath, out _)?.Policy is not { } loaded)
            {
                return ExitCodes.BadInput;
            }

            return await CrashScenario.PlayAgentAsync(loaded, new DemoWorld(parse.GetValue(data)!), parse.GetValue(session)!, cancellationToken);
        });
        return command;
    }
}
