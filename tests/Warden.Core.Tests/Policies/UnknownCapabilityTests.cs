using static Warden.Tests.Support.TestPolicy;

namespace Warden.Tests.Policies;

public sealed class UnknownCapabilityTests
{
    [Fact]
    public void In_a_role_is_reported_at_the_capability()
    {
        var error = SingleError("""
            roles:
              support:
                capabilities: [documents.read, mail.send]
            """);
        AssertAt(error, 3, 36, "unknown capability 'mail.send'", "roles.support.capabilities");
    }

    [Fact]
    public void In_a_role_block_list_is_reported_at_the_item()
    {
        var error = SingleError("""
            roles:
              support:
                capabilities:
                  - documents.read
                  - mail.send
            """);
        AssertAt(error, 5, 9, "unknown capability 'mail.send'", "roles.support.capabilities");
    }

    [Fact]
    public void In_a_tool_is_reported_at_the_value()
    {
        var error = SingleError("""
            tools:
              notify:
                capability: pager.send
            """);
        AssertAt(error, 3, 17, "unknown capability 'pager.send'", "tools.notify.capability");
        Assert.Contains("declare it under 'capabilities:'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Declared_capability_is_known()
    {
        var policy = Warden.Tests.Support.TestPolicy.Load("""
            capabilities: [pager.send]
            tools:
              notify:
                capability: pager.send
            """);
        Assert.Equal("pager.send", policy.Tools["notify"].Capability);
    }

    [Fact]
    public void Missing_capability_is_reported_at_the_tool_name()
    {
        var error = SingleError("""
            tools:
              notify:
                timeout: 1s
            """);
        AssertAt(error, 2, 3, "tool 'notify' needs a capability", "tools.notify");
    }

    [Fact]
    public void Malformed_declared_capability_is_reported()
    {
        var error = SingleError("""
            capabilities: [email.send, Shout]
            """);
        AssertAt(error, 1, 28, "'Shout' is not a capability name", "capabilities");
    }
}
