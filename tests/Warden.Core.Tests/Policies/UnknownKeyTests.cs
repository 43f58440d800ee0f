using static Warden.Tests.Support.TestPolicy;

namespace Warden.Tests.Policies;

public sealed class UnknownKeyTests
{
    [Fact]
    public void At_top_level_is_reported_with_the_known_keys()
    {
        var error = SingleError("""
            mode: enforce
            toolz: {}
            """);
        AssertAt(error, 2, 1, "unknown key 'toolz'; expected one of: agents, alerts, anomalies, breaker, capabilities, default_role, flows, gateway, mode, roles, sandboxes, tools, upstreams", "toolz");
    }

    [Fact]
    public void In_a_tool_is_reported_at_the_key()
    {
        var error = SingleError("""
            tools:
              t:
                capability: documents.read
                retries: 3
            """);
        AssertAt(error, 4, 5, "unknown key 'retries'", "tools.t.retries");
    }

    [Fact]
    public void In_agent_limits_is_reported_at_the_key()
    {
        var error = SingleError("""
            agents:
              bot:
                role: READER
                limits:
                  calls: 3
            """);
        AssertAt(error, 5, 7, "unknown key 'calls'", "agents.bot.limits.calls");
    }

    [Fact]
    public void In_a_sandbox_is_reported_at_the_key()
    {
        var error = SingleError("""
            tools:
              t:
                capability: system.modify
                sandbox: { network: none, gpu: 1 }
                command: [run]
            """);
        AssertAt(error, 4, 31, "unknown key 'gpu'", "tools.t.sandbox.gpu");
    }
}
