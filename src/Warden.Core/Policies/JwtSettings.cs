namespace Warden.Policies;

/// <summary>
/// The policy's <c>gateway.jwt:</c>: which bearer tokens authenticate agents. A token must be signed by
/// one of the keys, come from the issuer, be meant for the audience and be within its lifetime; its
/// <see cref="AgentClaim"/> names the agent, and its <see cref="RoleClaim"/> may name a role for an
/// agent the policy does not bind, if <see cref="Roles"/> lists it.
/// </summary>
/// <param name="Issuer">The required <c>iss</c>.</param>
/// <param name="Audience">The required <c>aud</c>.</param>
/// <param name="KeyFiles">PEM files of the public keys (RSA or EC) tokens may be signed with, relative to the policy file.</param>
public sealed record JwtSettings(string Issuer, string Audience, IReadOnlyList<string> KeyFiles)
{
    /// <summary>The claim naming the agent: <c>sub</c>.</summary>
    public string AgentClaim { get; init; } = "sub";

    /// <summary>The claim naming a role: <c>warden_role</c>.</summary>
    public string RoleClaim { get; init; } = "warden_role";

    /// <summary>The roles a token may give an agent the policy does not bind; none by default.</summary>
    public IReadOnlySet<string> Roles { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}
