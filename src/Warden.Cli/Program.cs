using System.CommandLine;
using Spectre.Console;
using Warden.Cli;
using Warden.Cli.Commands;

var root = new RootCommand("Warden: a security runtime for AI agents. Every agent action passes through its gate.")
{
    PolicyCommands.Create(),
    DemoCommand.Create(),
    ServeCommand.Create(),
    CertCommands.Create(),
    DetectCommand.Create(),
    EvalCommand.Create(),
    TrainCommand.Create(),
    SandboxCommands.Create(),
    AuditCommands.Create(),
    AuditLoadCommand.Create(),
    DemoAgentCommand.Create(),
};

if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 200; // tables written to files or pipes are not cut to 80 columns
}

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"warden: {error.Message}");
    }

    Console.Error.WriteLine("Run 'warden --help' for usage.");
    return ExitCodes.BadInput;
}

return await parse.InvokeAsync();
