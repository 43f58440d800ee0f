using System.Buffers;
using System.Text.Json;
using Warden.Detection;
using Warden.Json;

namespace Warden.Stages.InputInspection;

/// <summary>
/// Scans a tool call's arguments with the detector in the slot: every string (property names too) is
/// read as one text, a line each, so that the detector sees them in context rather than a word at a
/// time. When the score reaches the threshold the call is refused, and the refusal names the argument
/// that scores highest on its own. Prompts go through <see cref="InputSanitizer"/> by way of
/// <see cref="Gate.InspectInputAsync"/>.
/// </summary>
public sealed class InputInspectionStage(InputInspectionOptions options) : GateStage
{
    /// <summary>The stage's name.</summary>
    public const string StageName = "input-inspection";

    private static readonly Decision Passed = Decision.Allowed("input", "no detector finding at or above the threshold");
    private static readonly Decision NotScanned = Decision.Allowed("input", "tool arguments are not scanned (ScanToolArguments is off)");

    /// <summary>The settings.</summary>
    public InputInspectionOptions Options { get; } = options;

    /// <summary>The prompt sanitiser with the same settings.</summary>
    public InputSanitizer Sanitizer { get; } = new(options);

    /// <inheritdoc />
    public override string Name => StageName;

    /// <inheritdoc />
    public override ValueTask<Decision> EvaluateAsync(GateContext context, CancellationToken cancellationToken)
    {
        if (!Options.ScanToolArguments)
        {
            return ValueTask.FromResult(NotScanned);
        }

        // Every string of the arguments, a line each, in one pooled buffer: the detector reads them in
        // context, and a detector that works on spans allocates nothing.
        var buffer = new TextBuffer(ArrayPool<char>.Shared.Rent(1024), 0);
        try
        {
            JsonStrings.ForEach(context.Call.Arguments, ref buffer, static (value, ref b) =>
            {
                b.Append(value);
                b.Append("\n");
                return true;
            });
            if (buffer.Length == 0)
            {
                return ValueTask.FromResult(Passed);
            }

            var text = buffer.Chars.AsSpan(0, buffer.Length);
            var result = Options.Detector.Detect(text);
            if (result.Score < Options.Threshold)
            {
                return ValueTask.FromResult(Passed);
            }

            return ValueTask.FromResult(Refuse(context, result, text.ToString()));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer.Chars);
        }
    }

    private Decision Refuse(GateContext context, Detection.DetectionResult result, string text)
    {
        var location = StrongestArgument(context.Call.Arguments);
        var detector = Options.Detector.Id;
        context.AddFinding(new Finding("injection", detector, result.Score, result.Start, result.Length, location));
        DetectionFindings.AddExplanation(context, Options.Detector, text, location);
        return Decision.Deny(
            $"input.detector.{detector}",
            $"the detector '{detector}' scored the arguments {result.Score:0.00} for prompt injection (strongest at {location})");
    }

    /// <summary>A growable char buffer on the array pool.</summary>
    private struct TextBuffer(char[] chars, int length)
    {
        public char[] Chars = chars;
        public int Length = length;

        public void Append(ReadOnlySpan<char> value)
        {
            if (Length + value.Length > Chars.Length)
            {
                var bigger = ArrayPool<char>.Shared.Rent(Math.Max(Chars.Length * 2, Length + value.Length));
                Chars.AsSpan(0, Length).CopyTo(bigger);
                ArrayPool<char>.Shared.Return(Chars);
                Chars = bigger;
            }

            value.CopyTo(Chars.AsSpan(Length));
            Length += value.Length;
        }
    }

    /// <summary>The path of the string that scores highest on its own: only on the refusal path.</summary>
    private string StrongestArgument(JsonElement arguments)
    {
        var best = (Score: double.NegativeInfinity, Text: (string?)null);
        JsonStrings.ForEach(arguments, ref best, (value, ref state) =>
        {
            var score = Options.Detector.Detect(value).Score;
            if (score > state.Score)
            {
                state = (score, value.ToString());
            }

            return true;
        });
        var hit = best.Text;
        return JsonPaths.FindFirst(arguments, (name, value, _) =>
            name == hit || (value.ValueKind == JsonValueKind.String && value.GetString() == hit));
    }
}
