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
        var input = new Option<string>("--input") { Description = "JSON Lines (or .jsonl.gz); each line's \"text\" is scored, other fields are ignored, blank lines skipped.", Required = true };
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
            var outputPath = parse.GetValue(output) is { } given ? Resolved(given) : null;
            if (OutputProblem(inputPath, outputPath) is { } problem)
            {
                Console.Error.WriteLine($"warden: {problem}");
                return ExitCodes.BadInput;
            }

            if (ModelOption.LoadFor(inputPath, parse.GetValue(model)) is not { } detector)
            {
                return ExitCodes.BadInput;
            }

            FileStream file;
            try
            {
                file = File.OpenRead(inputPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"warden: cannot read '{inputPath}': {e.Message}");
                return ExitCodes.BadInput;
            }

            // Scores go to a file beside the output and take its name only when every line is scored,
            // so that a failure never leaves a short file that looks complete (a device is written to directly).
            var direct = outputPath is not null && outputPath.StartsWith("/dev/", StringComparison.Ordinal);
            var partial = outputPath is null || direct ? null : Path.Combine(Path.GetDirectoryName(outputPath)!, $".{Path.GetFileName(outputPath)}.{Environment.ProcessId}.partial");
            try
            {
                using var reader = CorpusReader.OpenText(file, inputPath);
                int scored;
                await using (var writer = direct ? new StreamWriter(outputPath!) : partial is null ? Console.Out : new StreamWriter(partial))
                {
                    scored = await ScoreAllAsync(reader, file, writer, inputPath, detector, parse.GetValue(explain), cancellationToken);
                }

                if (scored < 0)
                {
                    return ExitCodes.BadInput;
                }

                if (partial is not null)
                {
                    File.Move(partial, outputPath!, overwrite: true);
                }

                return ExitCodes.Success;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                Console.Error.WriteLine($"warden: {inputPath}: {e.Message}");
                return ExitCodes.BadInput;
            }
            finally
            {
                await file.DisposeAsync();
                if (partial is not null && File.Exists(partial))
                {
                    File.Delete(partial);
                }
            }
        });
        return command;
    }

    /// <summary>The full path of <paramref name="path"/> with symbolic links followed, so that the rename replaces the file a link names, not the link.</summary>
    private static string Resolved(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = new DirectoryInfo(Path.GetDirectoryName(full)!);
        var resolvedFolder = folder.Exists ? (folder.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? folder.FullName) : folder.FullName;
        var file = new FileInfo(Path.Combine(resolvedFolder, Path.GetFileName(full)));
        return file.Exists ? file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? file.FullName : file.FullName;
    }

    /// <summary>What is wrong with writing the scores to <paramref name="output"/> (resolved), or null.</summary>
    private static string? OutputProblem(string input, string? output)
    {
        if (output is null)
        {
            return null;
        }

        if (string.Equals(output, Resolved(input), StringComparison.Ordinal))
        {
            return $"--output '{output}' is the input file; the scores would replace the texts";
        }

        return OutputPath.Problem(output) is { } problem ? $"--output '{output}': {problem}" : null;
    }

    /// <summary>
    /// Reads the lines in batches, scores each batch in parallel and writes the scores in input order;
    /// returns how many lines were scored, or -1 after saying which line is malformed. Blank lines are
    /// skipped (no score line).
    /// </summary>
    private static async Task<int> ScoreAllAsync(StreamReader reader, FileStream file, TextWriter writer, string inputPath, LayeredInjectionDetector detector, bool withFindings, CancellationToken cancellationToken)
    {
        var progress = new Progress(file.Length, toTerminal: !Console.IsErrorRedirected);
        var number = 0;
        var scored = 0;
        var batch = new List<string>(BatchSize);
        while (true)
        {
            batch.Clear();
            var atEnd = false;
            while (batch.Count < BatchSize)
            {
                if (await reader.ReadLineAsync(cancellationToken) is not { } line)
                {
                    atEnd = true;
                    break;
                }

                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                try
                {
                    batch.Add(CorpusReader.ParseText(line, $"{inputPath}:{number}"));
                }
                catch (InvalidDataException e)
                {
                    Console.Error.WriteLine($"warden: {e.Message}");
                    return -1;
                }
            }

            var lines = batch.AsParallel().AsOrdered().Select(text => Score(detector, text, withFindings)).ToArray();
            foreach (var line in lines)
            {
                await writer.WriteLineAsync(line);
            }

            scored += batch.Count;
            progress.Report(scored, file.Position);
            if (atEnd)
            {
                progress.Done(scored);
                return scored;
            }
        }
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
    private sealed class Progress(long total, bool toTerminal)
    {
        private readonly long _total = total;
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
