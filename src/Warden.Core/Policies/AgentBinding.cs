namespace Warden.Policies;

/// <summary>How the policy binds one agent.</summary>
/// <param name="Name">The agent's id.</param>
/// <param name="Role">The role it acts in.</param>
/// <param name="KeyHashes">Its API keys, stored as <c>sha256:</c> hex digests.</param>
/// <param name="Limits">Its limits.</param>
public sealed record AgentBinding(string Name, string Role, IReadOnlyList<string> KeyHashes, AgentLimits Limits)
{
    /// <summary>The agent's <c>breaker:</c> settings over the policy's.</summary>
    public Resilience.Breakers.BreakerOverrides Breaker { get; init; } = Resilience.Breakers.BreakerOverrides.None;
}
