namespace Warden.Policies;

/// <summary>
/// A data-flow rule: a call to a tool whose sink is <paramref name="To"/>, from a session that
/// carries every label in <paramref name="When"/>, is decided by <paramref name="Then"/>.
/// </summary>
/// <param name="Index">The rule's position in <c>flows:</c>, from 0.</param>
/// <param name="When">The labels the session must carry.</param>
/// <param name="To">The sink the called tool must have.</param>
/// <param name="Then">What the rule decides.</param>
public sealed record FlowRule(int Index, IReadOnlyList<string> When, string To, FlowAction Then)
{
    /// <summary>The rule's name in decisions: <c>flows[i]</c>.</summary>
    public string Id => $"flows[{Index}]";
}
