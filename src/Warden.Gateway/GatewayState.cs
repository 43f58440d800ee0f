using Warden.Gateway.Mcp;
using Warden.Gateway.Upstreams;
using Warden.Policies;

namespace Warden.Gateway;

/// <summary>What the running gateway is made of, filled in once before it starts listening.</summary>
internal sealed class GatewayState
{
    public required IPolicySource Policy { get; init; }

    public required Gate Gate { get; init; }

    public required UpstreamSet Upstreams { get; init; }

    /// <summary>Where the MCP handlers log.</summary>
    public required Microsoft.Extensions.Logging.ILogger Log { get; init; }

    /// <summary>The gate calls under way, waited for at shutdown.</summary>
    public CallsInFlight InFlight { get; } = new();

    public GatewayHandlers Handlers => field ??= new GatewayHandlers(Policy, Gate, Upstreams, InFlight, Log);
}
