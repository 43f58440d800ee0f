namespace Warden.Policies;

/// <summary>Loads and validates policy files. A policy with any error is rejected whole.</summary>
public static class PolicyLoader
{
    /// <summary>The largest policy file accepted.</summary>
    public const int MaxPolicyChars = 1 << 20;

    /// <summary>Loads a policy from YAML text; <paramref name="source"/> names it in diagnostics.</summary>
    public static PolicyLoadResult Load(string yaml, string source = "policy")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (yaml.Length > MaxPolicyChars)
        {
            return new PolicyLoadResult(
                null,
                [new PolicyDiagnostic(true, $"the policy is {yaml.Length} characters long; the limit is {MaxPolicyChars}", 1, 1, string.Empty)],
                source);
        }

        return new PolicyReader().Read(yaml, source);
    }

    /// <summary>Loads a policy file; an unreadable file is reported as a diagnostic, not thrown.</summary>
    public static PolicyLoadResult LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new PolicyLoadResult(null, [new PolicyDiagnostic(true, $"cannot read the file: {e.Message}", 1, 1, string.Empty)], path);
        }

        return Load(text, path);
    }
}
