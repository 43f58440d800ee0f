using Warden.Auditing;
using Warden.Gateway.Access;

namespace Warden.Gateway.Tests;

/// <summary>The watched policy file: a valid change takes effect without a restart and is audited; an invalid one is rejected and audited, and the running policy stays.</summary>
public sealed class PolicyReloadTests : IAsyncLifetime
{
    private const string Key = "reload-agent-key-0123456789";
    private readonly string _folder = Directory.CreateTempSubdirectory("warden-reload-").FullName;
    private GatewayHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string PolicyPath => Path.Combine(_folder, "policy.yaml");

    public async ValueTask InitializeAsync() => _host = await TestGateways.StartAsync(_folder, Policy("system.modify"));

    [Fact]
    public async Task A_valid_change_takes_effect_without_a_restart_and_an_invalid_one_is_rejected_keeping_the_running_policy()
    {
        await using var agent = await GatewayClients.ConnectAsync(_host.McpEndpoint, Key);
        Assert.Equal(["echo"], (await agent.ListToolsAsync(cancellationToken: Ct)).Select(t => t.Name));

        await File.WriteAllTextAsync(PolicyPath, Policy("documents.read"), Ct);
        var reloaded = await EventuallyAsync(async () => (await agent.ListToolsAsync(cancellationToken: Ct)).Count == 2);

        await File.WriteAllTextAsync(PolicyPath, "tools: { echo: { capability: no such thing } }\n", Ct);
        var rejected = await EventuallyAsync(async () => (await PolicyEventsAsync()).Any(e => e.Rule == "policy.invalid"));

        Assert.True(reloaded, "the reader never saw get-sum after the policy granted it");
        Assert.True(rejected, "the invalid policy was never reported");
        Assert.Equal(["echo", "get-sum"], (await agent.ListToolsAsync(cancellationToken: Ct)).Select(t => t.Name));
        var events = await PolicyEventsAsync();
        Assert.Contains(events, e => e.Rule == "policy.reloaded" && e.Decision == DecisionKind.Allow);
        var invalid = Assert.Single(events, e => e.Rule == "policy.invalid");
        Assert.Equal(DecisionKind.Deny, invalid.Decision);
        Assert.Contains("the running policy stays", invalid.Reason, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<IReadOnlyList<AuditEvent>> PolicyEventsAsync() =>
        await _host.Gate.Audit.QueryAsync(new AuditQuery { Type = AuditEventType.PolicyChange }, Ct);

    /// <summary>Polls <paramref name="condition"/> for up to 15 s (the watcher reloads after a quiet moment).</summary>
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 150; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100, Ct);
        }

        return false;
    }

    private static string Policy(string sumCapability) => $$"""
        tools:
          echo: { capability: documents.read }
          get-sum: { capability: {{sumCapability}} }
        agents:
          agent: { role: READER, keys: ["{{AgentDirectory.Digest(Key)}}"] }
        {{TestGateways.EverythingUpstream}}
        """;
}
