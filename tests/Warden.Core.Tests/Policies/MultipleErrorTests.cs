using Warden.Policies;
using static Warden.Tests.Support.TestPolicy;

namespace Warden.Tests.Policies;

public sealed class MultipleErrorTests
{
    private const string Broken = """
        mode: loud
        roles:
          ops:
            capabilities: [mail.send]
        tools:
          t:
            capability: documents.read
            colour: red
        agents:
          bot:
            role: BOSS
        flows:
          - { when: [x], to: y, then: perhaps }
        """;

    [Fact]
    public void Every_error_is_reported_in_file_order_and_no_policy_is_returned()
    {
        var errors = Errors(Broken);
        Assert.Collection(
            errors,
            e => AssertAt(e, 1, 7, "mode must be 'enforce' or 'shadow', not 'loud'", "mode"),
            e => AssertAt(e, 4, 20, "unknown capability 'mail.send'", "roles.ops.capabilities"),
            e => AssertAt(e, 8, 5, "unknown key 'colour'", "tools.t.colour"),
            e => AssertAt(e, 11, 11, "unknown role 'BOSS'", "agents.bot.role"),
            e => AssertAt(e, 13, 31, "then must be", "flows[0].then"));
    }

    [Fact]
    public void GetPolicyOrThrow_lists_every_error()
    {
        var result = PolicyLoader.Load(Broken, "broken.yaml");
        var exception = Assert.Throws<PolicyException>(result.GetPolicyOrThrow);
        Assert.Equal("broken.yaml", exception.Source);
        Assert.Contains("has 5 error(s)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("broken.yaml:11:11: error: unknown role 'BOSS' (at agents.bot.role)", exception.Message, StringComparison.Ordinal);
    }
}
