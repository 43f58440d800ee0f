using Warden.Policies;
using static Warden.Tests.Support.TestPolicy;

namespace Warden.Tests.Policies;

public sealed class FlowErrorTests
{
    private const string Tools = """
        tools:
          fetch:
            capability: internet.browse
            labels: [untrusted]
          send:
            capability: email.access
            sink: external
        """;

    [Fact]
    public void Bad_then_is_reported_at_the_value()
    {
        var error = SingleError(Tools + """

            flows:
              - when: [untrusted]
                to: external
                then: maybe
            """);
        AssertAt(error, 11, 11, "then must be 'deny', 'require-approval' or 'allow', not 'maybe'", "flows[0].then");
    }

    [Fact]
    public void Missing_then_is_reported_at_the_rule()
    {
        var error = SingleError(Tools + """

            flows:
              - when: [untrusted]
                to: external
            """);
        AssertAt(error, 9, 5, "a flow rule needs 'then'", "flows[0]");
    }

    [Fact]
    public void Rule_that_can_never_match_is_a_warning_not_an_error()
    {
        var result = PolicyLoader.Load(Tools + """

            flows:
              - { when: [secret], to: pigeon, then: deny }
            """);
        Assert.True(result.Succeeded, Describe(result));
        var warnings = result.Diagnostics.Where(d => !d.IsError).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Message.Contains("no tool gives the label 'secret'", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Message.Contains("no tool has the sink 'pigeon'", StringComparison.Ordinal));
    }

    [Fact]
    public void Flows_that_are_not_a_list_are_reported()
    {
        var error = SingleError("""
            flows:
              when: [untrusted]
            """);
        AssertAt(error, 2, 3, "flows must be a list of rules", "flows");
    }
}
