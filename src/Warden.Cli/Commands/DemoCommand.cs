using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Warden.Cli.Demo;

namespace Warden.Cli.Commands;

/// <summary><c>warden demo</c>: a scripted agent against the demo tools under the sample policy.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "The data folder: demo files and the audit log.", DefaultValueFactory = _ => "warden-data" };
        var policy = new Option<string?>("--policy") { Description = "The policy to run under (default: the sample policy)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables." };
        var command = new Command("demo", "Play scripted agent sessions through the gate: allowed work, an injected page stopped by a flow rule, an approval, denials.")
        {
            data, policy, json,
        };
        command.Subcommands.Add(DemoGatewayCommand.Create());
        command.SetAction(async (parse, cancellationToken) =>
        {
            var policyPath = parse.GetValue(policy) ?? PolicyFile.SamplePath;
            var loaded = PolicyFile.Load(policyPath, out _);
            if (loaded?.Policy is not { } loadedPolicy)
            {
                return ExitCodes.BadInput;
            }

            DemoReport report;
            try
            {
                var runner = new DemoRunner(loadedPolicy, policyPath, new DemoWorld(parse.GetValue(data)!), TimeProvider.System);
                var asJson = parse.GetValue(json);
                report = await runner.RunAsync(DemoScript.Scenarios, asJson ? null : name => AnsiConsole.MarkupLine($"[grey]running {Markup.Escape(name)}…[/]"), cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"warden: cannot use the data folder '{parse.GetValue(data)}': {e.Message}");
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
            }
            else
            {
                DemoView.Render(report);
            }

            return report.AsExpected ? ExitCodes.Success : ExitCodes.Finding;
        });
        return command;
    }
}
