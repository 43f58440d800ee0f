namespace Warden;

/// <summary>
/// The authenticated caller of the gate. The role is resolved from the policy's agent binding (or its
/// default role), so that only the policy grants capabilities; a verified token's role
/// (<see cref="TokenRole"/>) counts only for an agent the policy does not bind, and only when the
/// policy lets tokens give that role (<c>gateway.jwt.roles</c>).
/// </summary>
/// <param name="AgentId">The agent's identifier, as the policy names it under <c>agents:</c>.</param>
/// <param name="Tenant">The tenant the agent acts for, when there are several.</param>
/// <param name="EndUser">The end user on whose behalf the agent acts, when known.</param>
public sealed record Principal(string AgentId, string? Tenant = null, string? EndUser = null)
{
    /// <summary>The role named by a verified token's role claim, or null.</summary>
    public string? TokenRole { get; init; }
}
