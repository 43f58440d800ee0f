using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Warden.Policies;
using Warden.Tools;

namespace Warden.Cli.Commands;

/// <summary><c>warden policy explain</c>: each stage's decision on one call, without running anything.</summary>
internal static class PolicyExplainCommand
{
    public static Command Create()
    {
        var policy = new Option<string>("--policy") { Description = "The policy file.", Required = true };
        var agent = new Option<string>("--agent") { Description = "The calling agent's id.", Required = true };
        var tool = new Option<string>("--tool") { Description = "The tool called.", Required = true };
        var args = new Option<string>("--args") { Description = "The call's arguments as a JSON object.", DefaultValueFactory = _ => "{}" };
        var labels = new Option<string[]>("--labels")
        {
            Description = "Labels the session already carries, e.g. --labels untrusted private.",
            AllowMultipleArgumentsPerToken = true,
        };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("explain", "Show how each stage of the gate decides a call (nothing runs, nothing is recorded).")
        {
            policy, agent, tool, args, labels, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(policy)!;
            var loaded = PolicyFile.Load(path, out _);
            if (loaded?.Policy is not { } loadedPolicy)
            {
                return ExitCodes.BadInput;
            }

            ToolCall call;
            try
            {
                call = ToolCall.Create(parse.GetValue(tool)!, parse.GetValue(args)!, "explain", new Principal(parse.GetValue(agent)!));
            }
            catch (JsonException e)
            {
                Console.Error.WriteLine($"warden: --args is not JSON: {e.Message}");
                return ExitCodes.BadInput;
            }

            var gate = GateBuilder.CreateDefault(new StaticPolicySource(loadedPolicy), ToolCatalog.Empty).Build();
            var result = await gate.ExplainAsync(call, parse.GetValue(labels) ?? [], cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(ExplainReport.From(call, result), CliJson.Options));
            }
            else
            {
                Render(call, result);
            }

            return result.Decision.IsAllowed && result.ShadowDecision is null ? ExitCodes.Success : ExitCodes.Finding;
        });
        return command;
    }

    private static void Render(ToolCall call, GateResult result)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{Markup.Escape(call.Principal.AgentId)}[/] → [bold]{Markup.Escape(call.Tool)}[/]")
            .AddColumns("stage", "decision", "rule", "reason");
        foreach (var step in result.Trail)
        {
            table.AddRow(Markup.Escape(step.Stage), Style.Decision(step.Decision.Kind), Markup.Escape(step.Decision.Rule), Markup.Escape(step.Decision.Reason));
        }

        AnsiConsole.Write(table);
        var final = result.ShadowDecision ?? result.Decision;
        AnsiConsole.MarkupLine($"Decision: {Style.Decision(final.Kind)} by [bold]{Markup.Escape(final.Rule)}[/]{(result.ShadowDecision is null ? string.Empty : " (shadow mode: not enforced)")}");
    }
}
