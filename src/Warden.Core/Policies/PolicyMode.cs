namespace Warden.Policies;

/// <summary>Whether the gate blocks what the policy refuses.</summary>
public enum PolicyMode
{
    /// <summary>Refused actions are blocked.</summary>
    Enforce,

    /// <summary>Every decision is made and audited, but nothing is blocked.</summary>
    Shadow,
}
