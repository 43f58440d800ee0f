namespace Warden;

/// <summary>
/// A decision as a value: what was decided, by which rule, and why. Stages return decisions
/// instead of throwing for expected outcomes.
/// </summary>
/// <param name="Kind">What was decided.</param>
/// <param name="Rule">The rule that decided, e.g. <c>flows[0]</c> or <c>tools.unbound</c>.</param>
/// <param name="Reason">A sentence a person can read. Never holds a secret.</param>
/// <param name="RetryAfter">For <see cref="DecisionKind.Throttle"/>: when to try again.</param>
public sealed record Decision(DecisionKind Kind, string Rule, string Reason, TimeSpan? RetryAfter = null)
{
    /// <summary>An allow that names no particular rule.</summary>
    public static Decision Allow { get; } = new(DecisionKind.Allow, "gate", "every stage allowed");

    /// <summary>For <see cref="DecisionKind.RequireApproval"/> with an approval store: the approval a person decides (and the agent quotes).</summary>
    public string? ApprovalId { get; init; }

    /// <summary>True when the action may go on.</summary>
    public bool IsAllowed => Kind == DecisionKind.Allow;

    /// <summary>An allow that names the rule which allowed it.</summary>
    public static Decision Allowed(string rule, string reason) => new(DecisionKind.Allow, rule, reason);

    /// <summary>A denial by <paramref name="rule"/>.</summary>
    public static Decision Deny(string rule, string reason) => new(DecisionKind.Deny, rule, reason);

    /// <summary>A hold until a person approves.</summary>
    public static Decision NeedsApproval(string rule, string reason) => new(DecisionKind.RequireApproval, rule, reason);

    /// <summary>A refusal for now, with a delay before retrying.</summary>
    public static Decision Throttled(string rule, string reason, TimeSpan retryAfter) =>
        new(DecisionKind.Throttle, rule, reason, retryAfter);
}
