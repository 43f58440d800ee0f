using Warden.Gateway.Access;

namespace Warden.Gateway.Tests.Conformance;

/// <summary>
/// The MCP conformance suite's server scenarios, run against the C# fixture server directly (so that a
/// failure through the gateway is the gateway's) and through the gateway in front of it, where only the
/// scenarios listed with their reasons in gateway-expected-failures.yaml may fail.
/// </summary>
public sealed class ConformanceTests : IAsyncLifetime
{
    private const string AgentKey = "conformance-agent-key-0123456789";
    private readonly string _folder = Directory.CreateTempSubdirectory("warden-conformance-").FullName;
    private ConformanceFixtureServer _fixture = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _fixture = await ConformanceFixtureServer.StartAsync(Ct);

    [Fact]
    public async Task The_fixture_server_passes_every_scenario_directly()
    {
        var (exitCode, output) = await ConformanceSuite.RunAsync(_fixture.Endpoint, expectedFailures: null, Ct);

        Assert.True(exitCode == 0, $"the fixture server failed the conformance suite (exit {exitCode}):\n{output}");
    }

    [Fact]
    public async Task Through_the_gateway_only_the_expected_scenarios_fail()
    {
        await using var gateway = await TestGateways.StartAsync(_folder, Policy(_fixture.Endpoint));
        await using var forwarder = await CredentialForwarder.StartAsync(gateway.McpEndpoint, AgentKey, Ct);

        var (exitCode, output) = await ConformanceSuite.RunAsync(forwarder.Endpoint, ConformanceSuite.GatewayExpectedFailures, Ct);

        Assert.True(exitCode == 0, $"through the gateway, the conformance suite's result differs from gateway-expected-failures.yaml (exit {exitCode}):\n{output}");
    }

    public async ValueTask DisposeAsync()
    {
        await _fixture.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Policy(Uri fixture)
    {
        string[] tools =
        [
            "test_simple_text", "test_image_content", "test_audio_content", "test_embedded_resource", "test_multiple_content_types",
            "test_tool_with_logging", "test_error_handling", "test_tool_with_progress", "test_sampling", "test_elicitation",
            "test_elicitation_sep1034_defaults", "test_elicitation_sep1330_enums", "json_schema_2020_12_tool",
            "fixture.resources", "fixture.prompts",
        ];
        return $$"""
            tools:
            {{string.Join('\n', tools.Select(t => $"  {t}: {{ capability: documents.read }}"))}}
            agents:
              conformance: { role: READER, keys: ["{{AgentDirectory.Digest(AgentKey)}}"] }
            upstreams:
              fixture: { url: "{{fixture}}" }
            """;
    }
}
