namespace Warden.Detection.Normalization;

/// <summary>
/// The canonical view detectors read: lower-case, folded, with hidden and encoded text revealed. Text
/// decoded from base64, hex or URL encoding follows the main text, one segment per line.
/// </summary>
/// <param name="Text">The canonical text.</param>
/// <param name="Signals">The steps that changed something.</param>
/// <param name="MainLength">How much of <paramref name="Text"/> comes from the input itself; decoded segments follow.</param>
public sealed record NormalizedText(string Text, NormalizationSignals Signals, int MainLength);
