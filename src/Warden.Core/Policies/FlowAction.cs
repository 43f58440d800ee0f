namespace Warden.Policies;

/// <summary>What a matching flow rule decides.</summary>
public enum FlowAction
{
    /// <summary>The call is refused.</summary>
    Deny,

    /// <summary>The call waits for a person.</summary>
    RequireApproval,

    /// <summary>The call may go on; later rules are not consulted.</summary>
    Allow,
}
