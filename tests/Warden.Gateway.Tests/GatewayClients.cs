using ModelContextProtocol.Client;
using Warden.Gateway.Access;

namespace Warden.Gateway.Tests;

/// <summary>The C# SDK's MCP client as an agent of the gateway.</summary>
internal static class GatewayClients
{
    /// <summary>A client connected to <paramref name="endpoint"/> with the agent's key and, when given, Warden's session.</summary>
    public static Task<McpClient> ConnectAsync(Uri endpoint, string key, string? session = null)
    {
        var headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}" };
        if (session is not null)
        {
            headers[CallerContext.SessionHeader] = session;
        }

        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = headers,
        });
        return McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = "2025-11-25" }, cancellationToken: TestContext.Current.CancellationToken);
    }
}
