using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Warden.Policies;
using Warden.Sandbox;
using Warden.Tools;

namespace Warden.Gateway.Upstreams;

/// <summary>
/// Every upstream of the policy, connected, and their tools merged under one namespace: a tool keeps
/// its own name unless two upstreams offer the same name, when each becomes <c>upstream.tool</c>.
/// An upstream that cannot be reached is reported (<see cref="Failures"/>) and its tools are absent,
/// so calls to them are refused as unknown tools.
/// </summary>
internal sealed class UpstreamSet : IAsyncDisposable
{
    private readonly List<UpstreamConnection> _connections;

    private UpstreamSet(List<UpstreamConnection> connections, FrozenDictionary<string, ExposedTool> tools, IReadOnlyDictionary<string, string> failures)
    {
        _connections = connections;
        Tools = tools;
        Failures = failures;
        // Resources and prompts run as UPSTREAM.resources and UPSTREAM.prompts; a tool of that very name keeps it.
        var content = connections.SelectMany(UpstreamContentTools.For).Where(t => !tools.ContainsKey(t.Name));
        Catalog = new ToolCatalog(tools.Values.Select(tool => (InProcessTool)new UpstreamTool(tool)).Concat(content));
        Connections = connections;
    }

    /// <summary>The tools agents may see, by their gateway name.</summary>
    public FrozenDictionary<string, ExposedTool> Tools { get; }

    /// <summary>The upstreams that could not be reached, with the reason.</summary>
    public IReadOnlyDictionary<string, string> Failures { get; }

    /// <summary>The upstreams that connected.</summary>
    public IReadOnlyList<UpstreamConnection> Connections { get; }

    /// <summary>The tools as the gate's execution stage runs them.</summary>
    public ToolCatalog Catalog { get; }

    /// <summary>Connects every upstream of <paramref name="policy"/> (in parallel).</summary>
    public static async Task<UpstreamSet> ConnectAsync(Policy policy, string policyFolder, SandboxExecutor? sandbox, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var log = loggerFactory.CreateLogger("Warden.Gateway.Upstreams");
        var attempts = policy.Upstreams.Values.OrderBy(u => u.Name, StringComparer.Ordinal)
            .Select(async upstream =>
            {
                try
                {
                    return (upstream.Name, Connection: await UpstreamConnection.ConnectAsync(upstream, policyFolder, sandbox, loggerFactory, cancellationToken).ConfigureAwait(false), Error: (string?)null);
                }
                catch (GatewayStartupException e)
                {
                    log.LogError("{Message}", e.Message);
                    return (upstream.Name, Connection: (UpstreamConnection?)null, Error: e.Message);
                }
            })
            .ToList();
        var results = await Task.WhenAll(attempts).ConfigureAwait(false);
        var connections = results.Where(r => r.Connection is not null).Select(r => r.Connection!).ToList();
        var failures = results.Where(r => r.Error is not null).ToDictionary(r => r.Name, r => r.Error!, StringComparer.Ordinal);
        var tools = Merge(connections);
        foreach (var tool in tools.Values.Where(t => !policy.Tools.ContainsKey(t.Name)).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            log.LogWarning("upstream {Upstream} offers tool {Tool}, which the policy does not bind under tools: (no agent sees or calls it)", tool.Upstream.Name, tool.Name);
        }

        return new UpstreamSet(connections, tools, failures);
    }

    /// <summary>The upstreams' tools under their gateway names.</summary>
    internal static FrozenDictionary<string, ExposedTool> Merge(IEnumerable<UpstreamConnection> connections)
    {
        var offered = connections.SelectMany(c => c.Tools.Select(t => (Connection: c, Tool: t))).ToList();
        var shared = offered.GroupBy(o => o.Tool.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var exposed = new Dictionary<string, ExposedTool>(StringComparer.Ordinal);
        foreach (var (connection, tool) in offered)
        {
            var name = shared.Contains(tool.Name) ? $"{connection.Name}.{tool.Name}" : tool.Name;
            // A namespaced name can still meet a tool that is literally called so: neither is exposed then.
            if (!exposed.TryAdd(name, new ExposedTool(name, connection, tool)))
            {
                exposed[name] = null!;
            }
        }

        return exposed.Where(e => e.Value is not null).ToFrozenDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
