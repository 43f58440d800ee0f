using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Warden.Gateway.Mcp;

/// <summary>
/// The MCP server the gateway exposes to agents: Streamable HTTP, stateless, every method answered by
/// <see cref="GatewayHandlers"/> (which exist only once the gateway's state is built, hence the getter).
/// </summary>
internal static class GatewayMcpServer
{
    /// <summary>Registers the server in <paramref name="services"/>.</summary>
    public static void Add(IServiceCollection services, Func<GatewayHandlers> handlers)
    {
        services
            .AddMcpServer(mcp => mcp.ServerInfo = new Implementation { Name = GatewayInfo.Name, Version = GatewayInfo.Version })
            .WithHttpTransport(http => http.Stateless = true)
            .WithListToolsHandler((request, ct) => handlers().ListToolsAsync(request, ct))
            .WithCallToolHandler((request, ct) => handlers().CallToolAsync(request, ct))
            .WithListResourcesHandler((request, ct) => handlers().ListResourcesAsync(request, ct))
            .WithListResourceTemplatesHandler((request, ct) => handlers().ListResourceTemplatesAsync(request, ct))
            .WithReadResourceHandler((request, ct) => handlers().ReadResourceAsync(request, ct))
            .WithListPromptsHandler((request, ct) => handlers().ListPromptsAsync(request, ct))
            .WithGetPromptHandler((request, ct) => handlers().GetPromptAsync(request, ct))
            .WithCompleteHandler((request, ct) => handlers().CompleteAsync(request, ct))
            .WithSubscribeToResourcesHandler((_, _) => throw GatewayHandlers.SubscriptionsUnsupported())
            .WithUnsubscribeFromResourcesHandler((_, _) => throw GatewayHandlers.SubscriptionsUnsupported());
        // The SDK answers subscriptions with {} unless handled, and advertises them once handled: refused, and not advertised.
        services.PostConfigure<McpServerOptions>(mcp => mcp.Capabilities?.Resources?.Subscribe = null);
    }
}
