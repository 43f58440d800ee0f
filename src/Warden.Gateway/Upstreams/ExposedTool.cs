using ModelContextProtocol.Protocol;

namespace Warden.Gateway.Upstreams;

/// <summary>A tool as agents see it: its name at the gateway (namespaced when two upstreams share a name), where it lives and its definition.</summary>
/// <param name="Name">The name agents call (and the policy binds).</param>
/// <param name="Upstream">The upstream that serves it.</param>
/// <param name="Definition">The upstream's definition, under its own name.</param>
internal sealed record ExposedTool(string Name, UpstreamConnection Upstream, Tool Definition);
