using System.Collections.Concurrent;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Warden.Auditing;
using Warden.Gateway.Access;
using Warden.Gateway.Tests.Conformance;

namespace Warden.Gateway.Tests;

/// <summary>What the gateway relays besides answers: an upstream's progress reports and argument completions, and the subscriptions it refuses.</summary>
public sealed class ProgressAndCompletionTests : IAsyncLifetime
{
    private const string ReaderKey = "relay-reader-key-0123456789";
    private const string BlindKey = "relay-blind-key-0123456789";
    private readonly string _folder = Directory.CreateTempSubdirectory("warden-relay-").FullName;
    private ConformanceFixtureServer _fixture = null!;
    private GatewayHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _fixture = await ConformanceFixtureServer.StartAsync(Ct);
        _host = await TestGateways.StartAsync(_folder, $$"""
            roles:
              blind: { capabilities: [email.access] }
            tools:
              test_tool_with_progress: { capability: documents.read }
              fixture.prompts: { capability: documents.read }
              fixture.resources: { capability: documents.read }
            agents:
              reader: { role: READER, keys: ["{{AgentDirectory.Digest(ReaderKey)}}"] }
              blind: { role: blind, keys: ["{{AgentDirectory.Digest(BlindKey)}}"] }
            upstreams:
              fixture: { url: "{{_fixture.Endpoint}}" }
            """);
    }

    [Fact]
    public async Task An_upstreams_progress_reaches_the_agent_in_order_as_numbers_without_its_text()
    {
        await using var reader = await GatewayClients.ConnectAsync(_host.McpEndpoint, ReaderKey);
        var reports = new ConcurrentQueue<ProgressNotificationValue>();

        var result = await reader.CallToolAsync("test_tool_with_progress", progress: new Recorder(reports), cancellationToken: Ct);
        // The gateway sends every report before the answer, but this client hands each message to a task
        // of its own: the last report may reach the recorder just after the call returns.
        for (var waited = 0; reports.Count < 3 && waited < 50; waited++)
        {
            await Task.Delay(100, Ct);
        }

        Assert.NotEqual(true, result.IsError);
        Assert.Equal([0f, 50f, 100f], reports.Select(r => r.Progress));
        Assert.All(reports, r => Assert.Equal((100f, null), (r.Total, r.Message))); // the fixture says "step N of 3": upstream text is not relayed
    }

    [Fact]
    public async Task Completions_go_through_the_gate_to_the_upstream_owning_the_prompt()
    {
        await using var reader = await GatewayClients.ConnectAsync(_host.McpEndpoint, ReaderKey, "completing");
        await using var blind = await GatewayClients.ConnectAsync(_host.McpEndpoint, BlindKey);
        var prompt = new PromptReference { Name = "test_prompt_with_arguments" };

        var completed = await reader.CompleteAsync(prompt, "arg1", "par", cancellationToken: Ct);
        var refused = await Assert.ThrowsAsync<McpProtocolException>(() => blind.CompleteAsync(prompt, "arg1", "par", cancellationToken: Ct).AsTask());
        var unknown = await Assert.ThrowsAsync<McpProtocolException>(() => reader.CompleteAsync(new PromptReference { Name = "no_such_prompt" }, "arg1", "p", cancellationToken: Ct).AsTask());

        Assert.Equal(["paris", "park", "party"], completed.Completion.Values);
        Assert.Equal((McpErrorCode)JsonRpcErrors.Forbidden, refused.ErrorCode);
        Assert.Contains("Warden denied this (roles.blind)", refused.Message, StringComparison.Ordinal);
        Assert.Equal(McpErrorCode.InvalidParams, unknown.ErrorCode);
        Assert.Contains("no upstream offers the prompt 'no_such_prompt'", unknown.Message, StringComparison.Ordinal);
        var audited = Assert.Single(await _host.Gate.Audit.QueryAsync(new AuditQuery { SessionId = "reader/completing" }, Ct));
        Assert.Equal(("fixture.prompts", DecisionKind.Allow), (audited.Tool, audited.Decision));
    }

    [Fact]
    public async Task Resource_subscriptions_are_neither_advertised_nor_accepted()
    {
        await using var reader = await GatewayClients.ConnectAsync(_host.McpEndpoint, ReaderKey);

        var refused = await Assert.ThrowsAsync<McpProtocolException>(() => reader.SubscribeToResourceAsync("test://watched-resource", cancellationToken: Ct));

        Assert.NotEqual(true, reader.ServerCapabilities.Resources?.Subscribe);
        Assert.Equal(McpErrorCode.MethodNotFound, refused.ErrorCode);
        Assert.Contains("does not relay resource subscriptions", refused.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _fixture.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Records reports as they come (Progress&lt;T&gt; would post them to a context, out of order).</summary>
    private sealed class Recorder(ConcurrentQueue<ProgressNotificationValue> reports) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) => reports.Enqueue(value);
    }
}
