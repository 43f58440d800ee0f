using System.Buffers;
using System.Text.RegularExpressions;

namespace Warden.Detection.Rules;

/// <summary>An explainable pattern for an injection a model must never miss, matched on normalised text.</summary>
/// <param name="Id">The rule's id in findings, e.g. <c>rule.ignore-previous</c>.</param>
/// <param name="Score">The score a match gives.</param>
/// <param name="Pattern">The pattern, over lower-case normalised text.</param>
/// <param name="Anchors">Strings of which every match holds at least one: a vectorised search for them
/// skips the pattern on the many texts that cannot match.</param>
public sealed record InjectionRule(string Id, double Score, Regex Pattern, SearchValues<string> Anchors)
{
    /// <summary>The first match in <paramref name="text"/>, if any.</summary>
    public (int Index, int Length)? Match(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAny(Anchors) < 0)
        {
            return null;
        }

        foreach (var match in Pattern.EnumerateMatches(text))
        {
            return (match.Index, match.Length);
        }

        return null;
    }
}
