using System.CommandLine;
using System.Text.Json;
using Warden.Detection;
using Warden.Detection.Corpus;
using Warden.Detection.Evaluation;

namespace Warden.Cli.Commands;

/// <summary><c>warden eval</c>: detection metrics on labelled JSON Lines, overall and per source and kind.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Labelled JSON Lines: text, label (0/1), and optionally source and kind.", Required = true };
        var model = ModelOption.Create();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var evasions = new Option<bool>("--evasions") { Description = "Also measure recall on the injections under each character-level evasion family." };
        var command = new Command("eval", "Measure detection on labelled data: AUC, recall at 1% FPR, precision, recall, F1.") { input, model, json, evasions };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            if (ModelOption.LoadFor(path, parse.GetValue(model)) is not { } detector)
            {
                return ExitCodes.BadInput;
            }

            List<LabelledText> items;
            try
            {
                items = CorpusReader.Read(path, requireLabel: true).ToList();
            }
            catch (InvalidDataException e)
            {
                Console.Error.WriteLine($"warden: {e.Message}");
                return ExitCodes.BadInput;
            }

            if (items.Count == 0)
            {
                Console.Error.WriteLine($"warden: {path} holds no labelled lines to measure");
                return ExitCodes.BadInput;
            }

            var report = EvaluationReport.Create(items, detector);
            var evasionReport = parse.GetValue(evasions) ? EvasionReport.Create(items, detector) : null;
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { detection = report, evasions = evasionReport }, CliJson.Options));
            }
            else
            {
                EvaluationView.Render(report);
                if (evasionReport is not null)
                {
                    EvaluationView.Render(evasionReport);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
