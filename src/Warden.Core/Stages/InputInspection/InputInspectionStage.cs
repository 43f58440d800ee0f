using Warden.Json;

namespace Warden.Stages.InputInspection;

/// <summary>
/// Scans every string of a tool call's arguments (property names too) with the detector in the slot,
/// and refuses the call when the score reaches the threshold. Prompts go through
/// <see cref="InputSanitizer"/> by way of <see cref="Gate.InspectInputAsync"/>.
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

        var scan = new Scan(Options);
        JsonStrings.ForEach(context.Call.Arguments, ref scan, static (text, ref state) =>
        {
            var result = state.Options.Detector.Detect(text);
            if (result.Score < state.Options.Threshold)
            {
                return true;
            }

            state.Hit = result;
            state.HitText = text.ToString();
            return false;
        });

        if (scan.HitText is null)
        {
            return ValueTask.FromResult(Passed);
        }

        var hitText = scan.HitText;
        var location = JsonPaths.FindFirst(context.Call.Arguments, (name, value, _) =>
            name == hitText || (value.ValueKind == System.Text.Json.JsonValueKind.String && value.GetString() == hitText));
        var detector = Options.Detector.Id;
        context.AddFinding(new Finding("injection", detector, scan.Hit.Score, scan.Hit.Start, scan.Hit.Length, location));
        return ValueTask.FromResult(Decision.Deny(
            $"input.detector.{detector}",
            $"the detector '{detector}' scored the argument at {location} {scan.Hit.Score:0.00} for prompt injection"));
    }

    private struct Scan(InputInspectionOptions options)
    {
        public readonly InputInspectionOptions Options = options;
        public Detection.DetectionResult Hit;
        public string? HitText;
    }
}
