using Warden.Policies;
using static Warden.Tests.Support.TestPolicy;

namespace Warden.Tests.Policies;

public sealed class YamlSyntaxErrorTests
{
    [Fact]
    public void Syntax_error_is_reported_with_its_place()
    {
        var error = SingleError("""
            mode: enforce
            tools: { a: b
            """);
        Assert.StartsWith("YAML syntax: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, error.Path);
        Assert.Equal((3, 1), (error.Line, error.Column));
    }

    [Fact]
    public void Mapping_value_in_the_wrong_place_is_reported_at_the_colon()
    {
        var error = SingleError("""
            mode: enforce: now
            """);
        AssertAt(error, 1, 14, "YAML syntax: ");
    }

    [Fact]
    public void Empty_policy_is_an_error()
    {
        var error = SingleError(string.Empty);
        AssertAt(error, 1, 1, "the policy is empty");
    }

    [Fact]
    public void Alias_is_refused()
    {
        var errors = Errors("""
            default_role: &r READER
            mode: *r
            """);
        AssertAt(errors[0], 2, 7, "aliases (*name) are not supported");
    }

    [Fact]
    public void Second_document_is_refused()
    {
        var error = SingleError("""
            mode: enforce
            ---
            mode: shadow
            """);
        AssertAt(error, 2, 1, "a policy file holds one YAML document");
    }

    [Fact]
    public void Policy_that_is_not_a_mapping_is_refused()
    {
        var error = SingleError("- a\n- b\n");
        AssertAt(error, 1, 1, "the policy must be a mapping");
    }

    [Fact]
    public void Oversized_policy_is_refused_before_parsing()
    {
        var result = PolicyLoader.Load(new string('#', PolicyLoader.MaxPolicyChars + 1));
        Assert.Null(result.Policy);
        Assert.Contains("the limit is", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }
}
