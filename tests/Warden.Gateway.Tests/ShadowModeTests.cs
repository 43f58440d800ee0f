using ModelContextProtocol.Protocol;
using Warden.Auditing;
using Warden.Gateway.Access;

namespace Warden.Gateway.Tests;

/// <summary><c>mode: shadow</c> through the gateway: every decision is made and audited, nothing is blocked.</summary>
public sealed class ShadowModeTests : IAsyncLifetime
{
    private const string Key = "shadow-agent-key-0123456789";
    private readonly string _folder = Directory.CreateTempSubdirectory("warden-shadow-").FullName;
    private GatewayHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await TestGateways.StartAsync(_folder, $$"""
        mode: shadow
        tools:
          echo: { capability: documents.read }
          get-sum: { capability: system.modify }
        agents:
          agent: { role: READER, keys: ["{{AgentDirectory.Digest(Key)}}"] }
        {{TestGateways.EverythingUpstream}}
        """);

    [Fact]
    public async Task A_call_beyond_the_role_runs_and_the_refusal_it_would_have_been_is_audited_as_shadow()
    {
        await using var agent = await GatewayClients.ConnectAsync(_host.McpEndpoint, Key, "shadowed");

        var sum = await agent.CallToolAsync("get-sum", new Dictionary<string, object?> { ["a"] = 20, ["b"] = 22 }, cancellationToken: Ct);

        Assert.NotEqual(true, sum.IsError);
        Assert.Contains("42", Assert.IsType<TextContentBlock>(Assert.Single(sum.Content)).Text, StringComparison.Ordinal);
        var recorded = Assert.Single(await _host.Gate.Audit.QueryAsync(new AuditQuery { SessionId = "agent/shadowed" }, Ct));
        Assert.True(recorded.Shadow);
        Assert.Equal((DecisionKind.Deny, "roles.READER", AuditEventType.SecurityViolation), (recorded.Decision, recorded.Rule, recorded.Type));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
