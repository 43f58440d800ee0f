using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Warden.Auditing;
using Warden.Gateway.Access;

namespace Warden.Gateway.Tests;

/// <summary>resources/read and prompts/get through the gate, as calls of UPSTREAM.resources and UPSTREAM.prompts.</summary>
public sealed class ResourcesAndPromptsTests : IAsyncLifetime
{
    private const string ReaderKey = "resources-reader-key-0123456789";
    private const string BlindKey = "resources-blind-key-0123456789";
    private readonly string _folder = Directory.CreateTempSubdirectory("warden-resources-").FullName;
    private GatewayHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await TestGateways.StartAsync(_folder, $$"""
        roles:
          blind: { capabilities: [email.access] }
        tools:
          everything.resources: { capability: documents.read, labels: [untrusted] }
          everything.prompts: { capability: documents.read }
          echo: { capability: email.access, sink: external }
        agents:
          reader: { role: READER, keys: ["{{AgentDirectory.Digest(ReaderKey)}}"] }
          blind: { role: blind, keys: ["{{AgentDirectory.Digest(BlindKey)}}"] }
        flows:
          - { when: [untrusted], to: external, then: deny }
        {{TestGateways.EverythingUpstream}}
        """);

    [Fact]
    public async Task A_resource_read_goes_through_the_gate_and_labels_the_session_for_the_flow_rules()
    {
        await using var reader = await GatewayClients.ConnectAsync(_host.McpEndpoint, ReaderKey, "reading");

        var resources = await reader.ListResourcesAsync(cancellationToken: Ct);
        var document = resources.First(r => r.Uri.StartsWith("demo://resource/static/document/", StringComparison.Ordinal));
        var read = await reader.ReadResourceAsync(document.Uri, cancellationToken: Ct);
        var send = await reader.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "summary" }, cancellationToken: Ct);

        Assert.False(string.IsNullOrWhiteSpace(Assert.IsType<TextResourceContents>(read.Contents[0]).Text));
        Assert.True(send.IsError);
        Assert.Equal("flows[0]", send.StructuredContent!.Value.GetProperty("warden").GetProperty("rule").GetString());
        var events = await _host.Gate.Audit.QueryAsync(new AuditQuery { SessionId = "reader/reading" }, Ct);
        Assert.Contains(events, e => e.Tool == "everything.resources" && e.Decision == DecisionKind.Allow);
    }

    [Fact]
    public async Task Resource_templates_are_listed_by_role_and_a_templated_uri_is_read_through_the_gate()
    {
        await using var reader = await GatewayClients.ConnectAsync(_host.McpEndpoint, ReaderKey, "templated");
        await using var blind = await GatewayClients.ConnectAsync(_host.McpEndpoint, BlindKey);

        var templates = await reader.ListResourceTemplatesAsync(cancellationToken: Ct);
        var read = await reader.ReadResourceAsync("demo://resource/dynamic/text/7", cancellationToken: Ct);

        Assert.Contains(templates, t => t.UriTemplate == "demo://resource/dynamic/text/{resourceId}");
        Assert.Empty(await blind.ListResourceTemplatesAsync(cancellationToken: Ct));
        Assert.Contains("7", Assert.IsType<TextResourceContents>(read.Contents[0]).Text, StringComparison.Ordinal);
        var events = await _host.Gate.Audit.QueryAsync(new AuditQuery { SessionId = "reader/templated" }, Ct);
        Assert.Contains(events, e => e.Tool == "everything.resources" && e.Decision == DecisionKind.Allow);
        var unknown = await Assert.ThrowsAsync<McpProtocolException>(() => reader.ReadResourceAsync("demo://elsewhere/7", cancellationToken: Ct).AsTask());
        Assert.Contains("or a template it matches", unknown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo://resource/dynamic/text/{id}", "demo://resource/dynamic/text/7", true)]
    [InlineData("demo://resource/dynamic/text/{id}", "demo://resource/dynamic/text/7/more", false)]
    [InlineData("demo://resource/dynamic/text/{id}", "demo://resource/dynamic/blob/7", false)]
    [InlineData("file:///{+path}", "file:///etc/hosts", true)]
    [InlineData("repo://{owner}/{name}.git", "repo://a/b.git", true)]
    [InlineData("repo://{owner}/{name}.git", "repo://a/bxgit", false)]
    public void A_uri_matches_a_template_segment_by_segment(string template, string uri, bool matches)
    {
        Assert.Equal(matches, Upstreams.UriTemplateMatch.Matches(template, uri));
    }

    [Fact]
    public async Task A_prompt_is_got_through_the_gate()
    {
        await using var reader = await GatewayClients.ConnectAsync(_host.McpEndpoint, ReaderKey);

        var prompts = await reader.ListPromptsAsync(cancellationToken: Ct);
        var prompt = await reader.GetPromptAsync("simple-prompt", cancellationToken: Ct);

        Assert.Contains(prompts, p => p.Name == "simple-prompt");
        Assert.Contains("This is a simple prompt without arguments.", Assert.IsType<TextContentBlock>(Assert.Single(prompt.Messages).Content).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_whose_role_lacks_the_binding_sees_no_resources_and_its_read_is_refused_and_audited()
    {
        await using var blind = await GatewayClients.ConnectAsync(_host.McpEndpoint, BlindKey, "blind");
        await using var reader = await GatewayClients.ConnectAsync(_host.McpEndpoint, ReaderKey);
        var uri = (await reader.ListResourcesAsync(cancellationToken: Ct)).First().Uri;

        Assert.Empty(await blind.ListResourcesAsync(cancellationToken: Ct));
        Assert.Empty(await blind.ListPromptsAsync(cancellationToken: Ct));
        var error = await Assert.ThrowsAsync<McpProtocolException>(() => blind.ReadResourceAsync(uri, cancellationToken: Ct).AsTask());
        Assert.Contains("Warden denied this (roles.blind)", error.Message, StringComparison.Ordinal);
        Assert.Contains(await _host.Gate.Audit.QueryAsync(new AuditQuery { AgentId = "blind" }, Ct), e => e.Type == AuditEventType.SecurityViolation && e.Tool == "everything.resources");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
