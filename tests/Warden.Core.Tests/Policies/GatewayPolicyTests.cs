using static Warden.Tests.Support.TestPolicy;

namespace Warden.Tests.Policies;

public sealed class GatewayPolicyTests
{
    [Fact]
    public void Rate_limits_per_address_and_per_tool_are_read()
    {
        var policy = Load("""
            gateway: { requests_per_minute_per_ip: 600 }
            tools:
              search: { capability: internet.browse, requests_per_minute: 30 }
              read: { capability: documents.read }
            """);

        Assert.Equal(600, policy.Gateway.RequestsPerMinutePerIp);
        Assert.Equal(30, policy.Tools["search"].RequestsPerMinute);
        Assert.Null(policy.Tools["read"].RequestsPerMinute);
        Assert.Null(Load("mode: enforce").Gateway.RequestsPerMinutePerIp);
    }

    [Fact]
    public void A_tool_is_idempotent_only_when_the_policy_says_so()
    {
        var policy = Load("""
            tools:
              list_files: { capability: documents.read, idempotent: true }
              send_email: { capability: email.access, idempotent: false }
              pay: { capability: purchases.make }
            """);
        var error = SingleError("""
            tools:
              list_files: { capability: documents.read, idempotent: yes please }
            """);

        Assert.Equal((true, false, false), (policy.Tools["list_files"].Idempotent, policy.Tools["send_email"].Idempotent, policy.Tools["pay"].Idempotent));
        AssertAt(error, 2, 57, "expected true or false, not 'yes please'", "tools.list_files.idempotent");
    }

    [Fact]
    public void A_key_shared_by_an_agent_and_an_administrator_or_by_two_agents_is_an_error()
    {
        const string digest = "sha256:0000000000000000000000000000000000000000000000000000000000000001";
        var shared = SingleError($$"""
            gateway: { admins: { alice: ["{{digest}}"] } }
            agents:
              bot: { role: READER, keys: ["{{digest}}"] }
            """);
        var twice = SingleError($$"""
            agents:
              a: { role: READER, keys: ["{{digest}}"] }
              b: { role: READER, keys: ["{{digest}}"] }
            """);

        Assert.Contains("administrator 'alice' and agent 'bot' have the same key", shared.Message, StringComparison.Ordinal);
        Assert.Contains("agent 'b' and agent 'a' have the same key", twice.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gateway: { requests_per_minute_per_ip: 0 }", "expected a whole number above 0", "gateway.requests_per_minute_per_ip")]
    [InlineData("gateway: { listen: x }", "unknown key 'listen'", "gateway.listen")]
    [InlineData("gateway: { jwt: { issuer: i, audience: a, keys: [k.pem], roles: [GOD] } }", "unknown role 'GOD'", "gateway.jwt.roles")]
    [InlineData("gateway: { jwt: { issuer: i, audience: a } }", "jwt needs keys", "gateway.jwt")]
    [InlineData("gateway: { jwt: { audience: a, keys: [k.pem] } }", "jwt needs issuer", "gateway.jwt")]
    [InlineData("tools: { t: { capability: documents.read, requests_per_minute: lots } }", "expected a whole number above 0", "tools.t.requests_per_minute")]
    public void Bad_gateway_settings_are_reported_where_they_are(string yaml, string fragment, string path)
    {
        var error = SingleError(yaml);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.Path);
    }
}
