using System.Net.Http.Headers;
using ModelContextProtocol.Client;
using Warden.Gateway.Access;

namespace Warden.Gateway.Tests;

/// <summary>A gateway on a free loopback port (plain http, allowed for tests) in front of the real server-everything, sandboxed.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const string ReaderKey = "reader-key-0123456789";
    public const string OperatorKey = "operator-key-0123456789";

    private readonly string _folder = Directory.CreateTempSubdirectory("warden-gateway-").FullName;

    public GatewayHost Host { get; private set; } = null!;

    public string DataDirectory => Path.Combine(_folder, "data");

    public HttpClient Http { get; } = new();

    public static string Policy => $$"""
        roles:
          operator: { inherits: READER, capabilities: [system.modify] }
        tools:
          echo: { capability: documents.read }
          get-sum: { capability: system.modify }
          trigger-long-running-operation: { capability: system.modify }
        agents:
          reader: { role: READER, keys: ["{{AgentDirectory.Digest(ReaderKey)}}"] }
          operator: { role: operator, keys: ["{{AgentDirectory.Digest(OperatorKey)}}"] }
        upstreams:
          everything:
            command: [{{NpmServers.Node}}, {{NpmServers.Everything}}, stdio]
            sandbox: { cpu: 1h, address_space: 16GB, read_only: [{{NpmServers.Folder}}] }
        """;

    public async ValueTask InitializeAsync()
    {
        var policy = Path.Combine(_folder, "policy.yaml");
        await File.WriteAllTextAsync(policy, Policy);
        Host = await GatewayHost.StartAsync(new GatewayOptions
        {
            PolicyPath = policy,
            DataDirectory = DataDirectory,
            Urls = ["http://127.0.0.1:0"],
            AllowHttp = true,
        });
        Assert.True(Host.UpstreamFailures.Count == 0, string.Join("; ", Host.UpstreamFailures.Values));
    }

    /// <summary>An MCP client (the C# SDK) connected as the agent holding <paramref name="key"/>.</summary>
    public Task<McpClient> ConnectAsync(string key, string? session = null) => GatewayClients.ConnectAsync(Host.McpEndpoint, key, session);

    /// <summary>A raw JSON-RPC POST to /mcp, for status codes and error bodies.</summary>
    public Task<(int Status, string Body)> PostAsync(string json, string? key) => PostInSessionAsync(json, key, null, TestContext.Current.CancellationToken);

    /// <summary>Posts <paramref name="json"/> in Warden's session <paramref name="session"/>, giving up when <paramref name="ct"/> is cancelled.</summary>
    public async Task<(int Status, string Body)> PostInSessionAsync(string json, string? key, string? session, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Host.McpEndpoint) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (session is not null)
        {
            request.Headers.Add(CallerContext.SessionHeader, session);
        }

        using var response = await Http.SendAsync(request, ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
