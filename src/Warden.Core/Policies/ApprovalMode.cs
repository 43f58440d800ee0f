namespace Warden.Policies;

/// <summary>When a person must approve a tool call.</summary>
public enum ApprovalMode
{
    /// <summary>No approval is needed (flow rules may still ask for one).</summary>
    Never,

    /// <summary>A person approves each call.</summary>
    Always,
}
