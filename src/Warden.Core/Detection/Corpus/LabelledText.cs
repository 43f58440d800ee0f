namespace Warden.Detection.Corpus;

/// <summary>One line of a labelled JSON Lines corpus.</summary>
/// <param name="Text">The text.</param>
/// <param name="Label">True for an injection or jailbreak; null when the line has no label.</param>
/// <param name="Source">Where it came from.</param>
/// <param name="Kind"><c>direct</c> or <c>indirect</c>.</param>
/// <param name="Split"><c>train</c>, <c>heldout</c>, or null when the corpus does not say.</param>
/// <param name="Family">The attack or carrier family, when known.</param>
public sealed record LabelledText(string Text, bool? Label, string Source, string Kind, string? Split, string? Family);
