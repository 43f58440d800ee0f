namespace Warden.Policies;

/// <summary>One problem found in a policy file, with where it is.</summary>
/// <param name="IsError">True for an error (the policy is rejected); false for a warning.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Line">The line, from 1.</param>
/// <param name="Column">The column, from 1.</param>
/// <param name="Path">The dotted path of the node, e.g. <c>roles.support.inherits</c>.</param>
public sealed record PolicyDiagnostic(bool IsError, string Message, int Line, int Column, string Path)
{
    /// <summary>Formats as <c>source:line:column: error: message (at path)</c>.</summary>
    public string Format(string source) =>
        $"{source}:{Line}:{Column}: {(IsError ? "error" : "warning")}: {Message}" +
        (Path.Length > 0 ? $" (at {Path})" : string.Empty);

    /// <inheritdoc />
    public override string ToString() => Format("policy");
}
