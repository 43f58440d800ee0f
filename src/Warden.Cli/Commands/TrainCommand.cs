using System.CommandLine;
using Spectre.Console;
using Warden.Detection;
using Warden.Detection.Corpus;
using Warden.Detection.Evaluation;
using Warden.Detection.Model;

namespace Warden.Cli.Commands;

/// <summary><c>warden train</c>: rebuilds the detection model from the project's data, then measures it on the held-out split.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output") { Description = "Where to write the model.", Required = true };
        var data = new Option<string>("--data") { Description = "The data folder (default: ./data of the repository).", DefaultValueFactory = _ => "data" };
        var heldOutOutput = new Option<string?>("--heldout-output") { Description = "Also write the held-out split as JSON Lines, for 'warden eval'." };
        var defaults = new TrainingOptions();
        var bits = new Option<int>("--bits") { Description = "log2 of the number of hashed features.", DefaultValueFactory = _ => defaults.Bits };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data.", DefaultValueFactory = _ => defaults.Epochs };
        var window = new Option<int>("--window") { Description = "Window length in characters.", DefaultValueFactory = _ => defaults.WindowChars };
        var command = new Command("train", "Rebuild the detection model from the project's data (fixed seeds: the same data gives the same model).")
        {
            output, data, heldOutOutput, bits, epochs, window,
        };
        command.SetAction(parse =>
        {
            // Checked before the work, so that a mistyped path does not throw away a training run.
            foreach (var (option, target) in new[] { ("--output", parse.GetValue(output)), ("--heldout-output", parse.GetValue(heldOutOutput)) })
            {
                if (target is not null && OutputPath.Problem(target) is { } problem)
                {
                    Console.Error.WriteLine($"warden: {option} '{target}': {problem}");
                    return ExitCodes.BadInput;
                }
            }

            List<LabelledText> items;
            try
            {
                var files = TrainingData.Files(parse.GetValue(data)!);
                items = files.SelectMany(file => CorpusReader.Read(file)).Where(i => i.Label is not null).ToList();
                Console.Error.WriteLine($"read {items.Count:N0} labelled texts from {files.Count} files");
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                Console.Error.WriteLine($"warden: {e.Message}");
                return ExitCodes.BadInput;
            }

            var training = items.Where(i => !TrainingData.IsHeldOut(i)).ToList();
            var heldOut = items.Where(TrainingData.IsHeldOut).ToList();
            Console.Error.WriteLine($"training on {training.Count:N0} ({training.Count(i => i.Label == true):N0} injections); holding out {heldOut.Count:N0}");
            LinearModel model;
            try
            {
                var options = defaults with { Bits = parse.GetValue(bits), Epochs = parse.GetValue(epochs), WindowChars = parse.GetValue(window) };
                if (options.Bits is < 10 or > 24 || options.Epochs < 1 || options.WindowChars is < 32 or > LinearModel.MaxWindowChars)
                {
                    Console.Error.WriteLine($"warden: --bits must be 10 to 24, --epochs at least 1, --window 32 to {LinearModel.MaxWindowChars:N0}");
                    return ExitCodes.BadInput;
                }

                model = ModelTrainer.Train(training.Select(i => (i.Text, i.Label!.Value)).ToList(), options, message => Console.Error.WriteLine(message));
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"warden: {e.Message}");
                return ExitCodes.BadInput;
            }

            var path = parse.GetValue(output)!;
            try
            {
                using var stream = File.Create(path);
                model.Save(stream);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"warden: cannot write the model to '{path}': {e.Message}");
                return ExitCodes.BadInput;
            }

            Console.Error.WriteLine($"model written to {path} ({new FileInfo(path).Length:N0} bytes)");
            if (parse.GetValue(heldOutOutput) is { } heldOutPath)
            {
                File.WriteAllLines(heldOutPath, heldOut.Select(i => System.Text.Json.JsonSerializer.Serialize(
                    new { text = i.Text, label = i.Label == true ? 1 : 0, source = i.Source, kind = i.Kind, family = i.Family }, CliJson.Lines)));
                Console.Error.WriteLine($"held-out split written to {heldOutPath} ({heldOut.Count:N0} lines)");
            }

            if (heldOut.Count > 0)
            {
                var detector = new LayeredInjectionDetector(model);
                EvaluationView.Render(EvaluationReport.Create(heldOut, detector), "held-out split");
                RenderFamilies(heldOut, detector);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void RenderFamilies(List<LabelledText> heldOut, LayeredInjectionDetector detector)
    {
        var families = heldOut.Where(i => i.Family is not null).GroupBy(i => (i.Family!, i.Label!.Value)).OrderBy(g => g.Key.Item1, StringComparer.Ordinal);
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]held-out families[/]").AddColumns("family", "label", "n", "flagged");
        foreach (var group in families)
        {
            var flagged = group.Count(i => detector.Detect(i.Text).Score >= detector.Threshold);
            table.AddRow(Markup.Escape(group.Key.Item1), group.Key.Item2 ? "injection" : "benign", group.Count().ToString(), $"{100.0 * flagged / group.Count():0.0}%");
        }

        AnsiConsole.Write(table);
    }
}
