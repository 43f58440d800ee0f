namespace Warden.Detection.Secrets;

/// <summary>One secret or card number found in a text.</summary>
/// <param name="Kind">What was found; one of the <see cref="SecretKinds"/> constants.</param>
/// <param name="Start">Where the secret starts in the text.</param>
/// <param name="Length">How many characters it spans.</param>
/// <param name="Score">How sure the detector is, from 0 to 1: a prefixed format scores higher than a guess by entropy.</param>
public readonly record struct SecretFinding(string Kind, int Start, int Length, double Score)
{
    /// <summary>Where the secret ends (exclusive).</summary>
    public int End => Start + Length;
}
