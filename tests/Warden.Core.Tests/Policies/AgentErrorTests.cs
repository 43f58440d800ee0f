using static Warden.Tests.Support.TestPolicy;

namespace Warden.Tests.Policies;

public sealed class AgentErrorTests
{
    [Fact]
    public void Unknown_role_is_reported_at_the_value()
    {
        var error = SingleError("""
            agents:
              bot:
                role: BOSS
            """);
        AssertAt(error, 3, 11, "unknown role 'BOSS'", "agents.bot.role");
    }

    [Fact]
    public void Missing_role_is_reported_at_the_agent()
    {
        var error = SingleError("""
            agents:
              bot:
                limits: { turns_per_session: 3 }
            """);
        AssertAt(error, 2, 3, "agent 'bot' needs a role", "agents.bot");
    }

    [Theory]
    [InlineData("secret-key-in-clear")]
    [InlineData("sha256:abc")]
    [InlineData("sha1:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    [InlineData("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0g")]
    [InlineData("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0800")]
    public void Key_that_is_not_a_sha256_digest_is_reported_at_the_item(string key)
    {
        var error = SingleError($"""
            agents:
              bot:
                role: READER
                keys:
                  - {key}
            """);
        AssertAt(error, 5, 9, "an API key is stored as 'sha256:' and 64 hex digits", "agents.bot.keys");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("many")]
    public void Limit_that_is_not_a_positive_number_is_reported(string value)
    {
        var error = SingleError($"""
            agents:
              bot:
                role: READER
                limits:
                  tool_calls_per_session: {value}
            """);
        AssertAt(error, 5, 31, $"expected a whole number above 0, not '{value}'", "agents.bot.limits.tool_calls_per_session");
    }
}
