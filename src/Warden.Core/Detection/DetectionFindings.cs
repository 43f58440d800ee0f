namespace Warden.Detection;

/// <summary>Adds the detector's explanation of a refusal to the gate's findings, for the audit trail.</summary>
internal static class DetectionFindings
{
    /// <summary>
    /// When the detector can explain itself, records each rule that matched, the model's score and each
    /// disguise undone. Called only once a text has been flagged, so the second look costs nothing on
    /// the allow path.
    /// </summary>
    public static void AddExplanation(GateContext context, IInjectionDetector detector, string text, string location)
    {
        if (detector is not LayeredInjectionDetector layered)
        {
            return;
        }

        foreach (var finding in layered.Analyze(text, location).Findings)
        {
            context.AddFinding(finding);
        }
    }
}
