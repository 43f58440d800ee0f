namespace Warden.Policies;

/// <summary>The outcome of loading a policy: the policy, or every error found, and any warnings.</summary>
/// <param name="Policy">The policy, or null when there were errors.</param>
/// <param name="Diagnostics">Every error and warning, in the order of the file.</param>
/// <param name="Source">The file name or label the text came from.</param>
public sealed record PolicyLoadResult(Policy? Policy, IReadOnlyList<PolicyDiagnostic> Diagnostics, string Source)
{
    /// <summary>True when the policy loaded.</summary>
    public bool Succeeded => Policy is not null;

    /// <summary>The errors only.</summary>
    public IEnumerable<PolicyDiagnostic> Errors => Diagnostics.Where(d => d.IsError);

    /// <summary>The policy, or an exception that lists every error.</summary>
    /// <exception cref="PolicyException">The policy has errors.</exception>
    public Policy GetPolicyOrThrow() => Policy ?? throw new PolicyException(Source, Diagnostics);
}
