using Warden.Detection;
using Warden.Detection.Secrets;

namespace Warden.Stages.OutputInspection;

/// <summary>
/// Scans the result of a tool that ran for indirect prompt injection. A finding is recorded and the
/// session takes on <see cref="OutputInspectionOptions.InjectionLabel"/> (by default <c>injected</c>),
/// so that flow rules decide what such a session may do next; the result itself is returned.
/// </summary>
public sealed class OutputInspectionStage(OutputInspectionOptions options) : GateStage
{
    /// <summary>The stage's name.</summary>
    public const string StageName = "output-inspection";

    private static readonly Decision Clean = Decision.Allowed("output", "no injection found in the result");
    private static readonly Decision NothingToScan = Decision.Allowed("output", "the tool did not answer; nothing to scan");

    /// <summary>The settings.</summary>
    public OutputInspectionOptions Options { get; } = options;

    /// <inheritdoc />
    public override string Name => StageName;

    /// <inheritdoc />
    public override bool HasSideEffects => true;

    /// <inheritdoc />
    public override ValueTask<Decision> EvaluateAsync(GateContext context, CancellationToken cancellationToken)
    {
        if (context.Outcome is not { Status: Tools.ToolStatus.Succeeded } outcome)
        {
            return ValueTask.FromResult(NothingToScan);
        }

        var secrets = ScanSecrets(context, outcome);
        var result = Options.Detector.Detect(outcome.Output);
        if (result.Score < Options.Threshold)
        {
            return ValueTask.FromResult(secrets ?? Clean);
        }

        context.AddFinding(new Finding("indirect-injection", Options.Detector.Id, result.Score, result.Start, result.Length, "result"));
        DetectionFindings.AddExplanation(context, Options.Detector, outcome.Output, "result");
        context.Session.AddLabels([Options.InjectionLabel]);
        return ValueTask.FromResult(Decision.Allowed(
            "output.injection",
            $"the result of '{context.Call.Tool}' scored {result.Score:0.00} for injection; the session is labelled '{Options.InjectionLabel}'"));
    }

    /// <summary>Records each secret in the result (its kind and place, never its text), labels the session, and redacts if asked.</summary>
    private Decision? ScanSecrets(GateContext context, Tools.ToolOutcome outcome)
    {
        var found = SecretDetector.Instance.Find(outcome.Output);
        if (found.Count == 0)
        {
            return null;
        }

        foreach (var secret in found)
        {
            context.AddFinding(new Finding("secret", $"secret.{secret.Kind}", secret.Score, secret.Start, secret.Length, "result"));
        }

        context.Session.AddLabels([Options.SecretLabel]);
        if (Options.RedactSecrets)
        {
            context.Outcome = outcome with { Output = SecretDetector.Instance.Redact(outcome.Output) };
        }

        var kinds = string.Join(", ", found.Select(s => s.Kind).Distinct());
        return Decision.Allowed(
            "output.secrets",
            $"the result of '{context.Call.Tool}' holds {found.Count} secret(s) ({kinds}); the session is labelled '{Options.SecretLabel}'{(Options.RedactSecrets ? "; they were redacted" : string.Empty)}");
    }
}
