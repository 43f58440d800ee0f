namespace Warden;

/// <summary>What a stage, or the gate as a whole, decided about an action.</summary>
public enum DecisionKind
{
    /// <summary>The action may go on.</summary>
    Allow,

    /// <summary>The action is refused.</summary>
    Deny,

    /// <summary>The action waits until a person approves it.</summary>
    RequireApproval,

    /// <summary>The action is refused for now; it may be retried after a delay.</summary>
    Throttle,
}
