namespace Warden.Approvals;

/// <summary>Where an approval stands.</summary>
public enum ApprovalStatus
{
    /// <summary>Waiting for a person.</summary>
    Pending,

    /// <summary>Approved and not used yet: the agent's next identical call goes through.</summary>
    Approved,

    /// <summary>Refused by a person: the identical call is denied until the approval would have lapsed.</summary>
    Denied,

    /// <summary>Not decided in time.</summary>
    Expired,

    /// <summary>Approved, and the call went through (once).</summary>
    Used,

    /// <summary>Approved, then withdrawn by a person before the agent used it: the identical call is denied until the approval would have lapsed.</summary>
    Revoked,
}
