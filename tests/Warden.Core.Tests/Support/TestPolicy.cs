using Warden.Policies;

namespace Warden.Tests.Support;

/// <summary>Loading policies in tests, with the diagnostics in the failure message.</summary>
internal static class TestPolicy
{
    public const string Source = "test.yaml";

    public static Policy Load(string yaml)
    {
        var result = PolicyLoader.Load(yaml, Source);
        Assert.True(result.Succeeded, Describe(result));
        return result.Policy!;
    }

    /// <summary>Loads a policy that must fail and returns its errors.</summary>
    public static IReadOnlyList<PolicyDiagnostic> Errors(string yaml)
    {
        var result = PolicyLoader.Load(yaml, Source);
        Assert.Null(result.Policy);
        Assert.False(result.Succeeded);
        var errors = result.Errors.ToList();
        Assert.NotEmpty(errors);
        return errors;
    }

    /// <summary>Loads a policy that must fail with exactly one error and returns it.</summary>
    public static PolicyDiagnostic SingleError(string yaml)
    {
        var errors = Errors(yaml);
        Assert.True(errors.Count == 1, "expected one error, got:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        return errors[0];
    }

    /// <summary>Asserts the error is at <paramref name="line"/>:<paramref name="column"/> and its message contains <paramref name="fragment"/>.</summary>
    public static void AssertAt(PolicyDiagnostic error, int line, int column, string fragment, string? path = null)
    {
        Assert.True(error.IsError, error.ToString());
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
        if (path is not null)
        {
            Assert.Equal(path, error.Path);
        }
    }

    public static string Describe(PolicyLoadResult result) =>
        string.Join(Environment.NewLine, result.Diagnostics.Select(d => d.Format(Source)));
}
