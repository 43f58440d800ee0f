namespace Warden.Policies;

/// <summary>Where the gate reads the policy in force; a source may swap it while running.</summary>
public interface IPolicySource
{
    /// <summary>The policy in force now.</summary>
    Policy Current { get; }
}

/// <summary>A policy source that never changes.</summary>
/// <param name="policy">The policy.</param>
public sealed class StaticPolicySource(Policy policy) : IPolicySource
{
    /// <inheritdoc />
    public Policy Current { get; } = policy;
}
