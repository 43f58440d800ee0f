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

    public GatewayHandlers Handlers => field ??= new GatewayHandlers(Policy, Gate, Upstreams);
}
