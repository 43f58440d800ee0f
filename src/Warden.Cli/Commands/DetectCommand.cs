using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Warden.Detection;
using Warden.Detection.Corpus;

namespace Warden.Cli.Commands;

/// <summary><c>warden detect</c>: one score line per input line, in order, streaming.</summary>
internal static class DetectCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "JSON Lines; each line's \"text\" is scored.", Required = true };
        var output = new Option<string?>("--output") { Description = "Where to write the scores (default: standard output)." };
        var model = ModelOption.Create();
        var explain = new Option<bool>("--explain") { Description = "Add each line's findings: the rules that matched, the model's score, the disguises undone." };
        var command = new Command("detect", "Score each line's text for prompt injection: {\"score\": 0..1, \"injection\": bool} per line, same order.")
        {
            input, output, model, explain,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var inputPath = parse.GetValue(input)!;
            if (ModelOption.LoadFor(inputPath, parse.GetValue(model)) is not { } detector)
            {
                return ExitCodes.BadInput;
            }

            var outputPath = parse.GetValue(output);
            await using var writer = outputPath is null ? Console.Out : new StreamWriter(outputPath);
            var progress = new Progress(inputPath, toTerminal: !Console.IsErrorRedirected);
            using var reader = new StreamReader(inputPath);
            var withFindings = parse.GetValue(explain);
            var number = 0;
            var batch = new List<string>(BatchSize);
            while (true)
            {
                // Lines are read in batches, scored in parallel, and written in their input order.
                batch.Clear();
                while (batch.Count < BatchSize && await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    batch.Add(line);
                }

                if (batch.Count == 0)
                {
                    break;
                }

                string[] texts;
                try
                {
                    texts = batch.Select((line, i) => CorpusReader.Parse(line, $"{inputPath}:{number + i + 1}").Text).ToArray();
                }
                catch (InvalidDataException e)
                {
                    Console.Error.WriteLine($"warden: {e.Message}");
                    return ExitCodes.BadInput;
                }

                var lines = texts.AsParallel().AsOrdered().Select(text => Score(detector, text, withFindings)).ToArray();
                foreach (var scored in lines)
                {
                    await writer.WriteLineAsync(scored);
                }

                number += batch.Count;
                progress.Report(number, reader.BaseStream.Position);
            }

            progress.Done(number);
            return ExitCodes.Success;
        });
        return command;
    }

    private const int BatchSize = 512;

    private static string Score(LayeredInjectionDetector detector, string text, bool withFindings)
    {
        if (!withFindings)
        {
            var result = detector.Detect(text);
            return JsonSerializer.Serialize(new ScoreLine(Math.Round(result.Score, 6), result.Score >= detector.Threshold), CliJson.Lines);
        }

        var report = detector.Analyze(text);
        var findings = report.Findings.Select(f => new { id = f.DetectorId, score = Math.Round(f.Score, 6), start = f.Start, length = f.Length });
        return JsonSerializer.Serialize(new { score = Math.Round(report.Score, 6), injection = report.IsInjection, findings }, CliJson.Lines);
    }

    private sealed record ScoreLine(double Score, bool Injection);

    /// <summary>A one-line progress indication on standard error, only when it is a terminal.</summary>
    private sealed class Progress(string path, bool toTerminal)
    {
        private readonly long _total = new FileInfo(path).Length;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _last;

        public void Report(int lines, long position)
        {
            if (!toTerminal || _clock.ElapsedMilliseconds - _last < 200)
            {
                return;
            }

            _last = _clock.ElapsedMilliseconds;
            var percent = _total == 0 ? 100 : 100.0 * position / _total;
            Console.Error.Write($"\r{lines:N0} lines, {percent:0}% ({lines / Math.Max(_clock.Elapsed.TotalSeconds, 0.001):N0} lines/s)   ");
        }

        public void Done(int lines)
        {
            if (toTerminal)
            {
                Console.Error.WriteLine($"\r{lines:N0} lines scored in {_clock.Elapsed.TotalSeconds:0.0} s{new string(' ', 20)}");
            }
        }
    }
}
