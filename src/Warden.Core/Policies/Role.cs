namespace Warden.Policies;

/// <summary>A named set of capabilities, with those it inherits already folded in.</summary>
/// <param name="Name">The role's name.</param>
/// <param name="Capabilities">Every capability the role grants, inherited ones included.</param>
/// <param name="Inherits">The roles it names as parents.</param>
/// <param name="IsBuiltIn">True for READER, WORKER and ADMIN.</param>
public sealed record Role(string Name, IReadOnlySet<string> Capabilities, IReadOnlyList<string> Inherits, bool IsBuiltIn)
{
    /// <summary>True when the role grants <paramref name="capability"/>.</summary>
    public bool Grants(string capability) => Capabilities.Contains(capability);
}
