namespace Warden.Policies;

/// <summary>A policy was rejected; <see cref="Diagnostics"/> lists every error with its place.</summary>
public sealed class PolicyException : Exception
{
    /// <summary>Creates the exception for <paramref name="source"/>.</summary>
    public PolicyException(string source, IReadOnlyList<PolicyDiagnostic> diagnostics)
        : base(BuildMessage(source, diagnostics))
    {
        Source = source;
        Diagnostics = diagnostics;
    }

    /// <summary>The file name or label of the rejected policy.</summary>
    public new string Source { get; }

    /// <summary>The errors and warnings.</summary>
    public IReadOnlyList<PolicyDiagnostic> Diagnostics { get; }

    private static string BuildMessage(string source, IReadOnlyList<PolicyDiagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.IsError).ToList();
        return $"The policy {source} has {errors.Count} error(s):{Environment.NewLine}" +
            string.Join(Environment.NewLine, errors.Select(e => "  " + e.Format(source)));
    }
}
