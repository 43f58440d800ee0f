namespace Warden;

/// <summary>The lower-case names of decision kinds, as stored and shown: allow, deny, require-approval, throttle.</summary>
public static class DecisionNames
{
    /// <summary>The name of <paramref name="kind"/>.</summary>
    public static string Of(DecisionKind kind) => kind switch
    {
        DecisionKind.Allow => "allow",
        DecisionKind.Deny => "deny",
        DecisionKind.RequireApproval => "require-approval",
        _ => "throttle",
    };
}
