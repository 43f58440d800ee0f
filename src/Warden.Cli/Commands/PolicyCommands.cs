using System.CommandLine;

namespace Warden.Cli.Commands;

/// <summary><c>warden policy</c>: validate and explain policies.</summary>
internal static class PolicyCommands
{
    public static Command Create() => new("policy", "Check a policy file, or explain how it decides a call.")
    {
        CreateValidate(),
        PolicyExplainCommand.Create(),
        PolicyReplayCommand.Create(),
    };

    private static Command CreateValidate()
    {
        var file = new Argument<string>("file") { Description = "The policy file (YAML)." };
        var command = new Command("validate", "Check a policy file: exit 0 when valid, 1 listing every error with its line and column.") { file };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var result = PolicyFile.Load(path, out var exitCode);
            if (result?.Policy is { } policy)
            {
                Console.WriteLine(
                    $"{path}: valid ({policy.Mode.ToString().ToLowerInvariant()} mode; {policy.Tools.Count} tools, " +
                    $"{policy.Roles.Count} roles, {policy.Agents.Count} agents, {policy.Flows.Count} flow rules, " +
                    $"default role {policy.DefaultRole ?? "none"})");
            }
            else if (result is not null)
            {
                Console.Error.WriteLine($"{path}: rejected, {result.Errors.Count()} error(s)");
            }

            return exitCode;
        });
        return command;
    }
}
