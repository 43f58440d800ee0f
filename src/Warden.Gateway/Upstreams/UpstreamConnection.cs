using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Warden.Policies;
using Warden.Sandbox;

namespace Warden.Gateway.Upstreams;

/// <summary>
/// One MCP server behind the gateway, connected: a stdio server started in its sandbox profile (its
/// stdin and stdout carry the protocol; its stderr goes to the log), or an HTTP server.
/// </summary>
internal sealed class UpstreamConnection : IAsyncDisposable
{
    /// <summary>The protocol version asked for first; older servers answer with theirs (see STACK notes in docs/gateway.md).</summary>
    public const string ProtocolVersion = "2025-11-25";

    /// <summary>How long an upstream has to complete the handshake and list its tools.</summary>
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(30);

    private readonly SandboxedProcess? _process;
    private readonly Task? _stderr;

    private UpstreamConnection(string name, McpClient client, ProgressRoutingTransport progress, IReadOnlyList<Tool> tools, SandboxedProcess? process, Task? stderr)
    {
        Name = name;
        Client = client;
        Progress = progress;
        Tools = tools;
        Resources = [];
        Prompts = [];
        _process = process;
        _stderr = stderr;
    }

    /// <summary>The upstream's name in the policy.</summary>
    public string Name { get; }

    /// <summary>The MCP client connected to it.</summary>
    public McpClient Client { get; }

    /// <summary>Where a call registers the progress token it sends, to have the upstream's reports in order (see <see cref="ProgressRoutingTransport"/>).</summary>
    public ProgressRoutingTransport Progress { get; }

    /// <summary>The tools it offered when connected.</summary>
    public IReadOnlyList<Tool> Tools { get; }

    /// <summary>The resources it listed when connected (none when it offers none).</summary>
    public IReadOnlyList<Resource> Resources { get; private set; }

    /// <summary>The resource templates the server offered at connect (empty when it has none).</summary>
    public IReadOnlyList<ResourceTemplate> ResourceTemplates { get; private set; } = [];

    /// <summary>The prompts it listed when connected.</summary>
    public IReadOnlyList<Prompt> Prompts { get; private set; }

    /// <summary>The server's resource templates; none from a server that offers resources but not this method (older servers).</summary>
    private static async Task<IReadOnlyList<ResourceTemplate>> ListTemplatesAsync(McpClient client, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.ListResourceTemplatesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Select(t => t.ProtocolResourceTemplate).ToList();
        }
        catch (McpProtocolException e) when (e.ErrorCode == McpErrorCode.MethodNotFound)
        {
            return [];
        }
    }

    /// <summary>Starts or reaches <paramref name="upstream"/>, completes the handshake and lists its tools.</summary>
    /// <exception cref="GatewayStartupException">The server could not be started or did not answer.</exception>
    public static async Task<UpstreamConnection> ConnectAsync(
        Upstream upstream, string policyFolder, SandboxExecutor? sandbox, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var log = loggerFactory.CreateLogger($"Warden.Gateway.Upstream.{upstream.Name}");
        SandboxedProcess? process = null;
        Task? stderr = null;
        IClientTransport transport;
        if (upstream.Command is { } command)
        {
            if (sandbox is null || sandbox.Unavailable is not null)
            {
                throw new GatewayStartupException($"upstream '{upstream.Name}' runs in a sandbox, and sandboxes cannot run here: {sandbox?.Unavailable ?? "no sandbox executor"}");
            }

            var workspace = upstream.Workspace is { } folder ? Path.GetFullPath(folder, policyFolder) : null;
            try
            {
                process = sandbox.Start(new SandboxRequest(command, upstream.Sandbox ?? SandboxProfile.Default) { Workspace = workspace });
            }
            catch (Exception e) when (e is SandboxUnavailableException or ArgumentException or IOException)
            {
                throw new GatewayStartupException($"upstream '{upstream.Name}' could not be started ({string.Join(' ', command)}): {e.Message}", e);
            }

            stderr = DrainErrorsAsync(process, log);
            transport = new StreamClientTransport(process.Input, process.Output, loggerFactory);
        }
        else
        {
            transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = upstream.Url!, Name = upstream.Name }, loggerFactory);
        }

        var routing = new ProgressRoutingTransport(transport);
        McpClient? client = null;
        using var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        handshake.CancelAfter(HandshakeTimeout);
        try
        {
            client = await McpClient.CreateAsync(
                routing,
                new McpClientOptions { ClientInfo = new Implementation { Name = "warden-gateway", Version = GatewayInfo.Version }, ProtocolVersion = ProtocolVersion },
                loggerFactory,
                handshake.Token).ConfigureAwait(false);
            var tools = (await client.ListToolsAsync(cancellationToken: handshake.Token).ConfigureAwait(false)).Select(t => t.ProtocolTool).ToList();
            var connection = new UpstreamConnection(upstream.Name, client, routing, tools, process, stderr);
            if (client.ServerCapabilities?.Resources is not null)
            {
                connection.Resources = (await client.ListResourcesAsync(cancellationToken: handshake.Token).ConfigureAwait(false)).Select(r => r.ProtocolResource).ToList();
                connection.ResourceTemplates = await ListTemplatesAsync(client, handshake.Token).ConfigureAwait(false);
            }

            if (client.ServerCapabilities?.Prompts is not null)
            {
                connection.Prompts = (await client.ListPromptsAsync(cancellationToken: handshake.Token).ConfigureAwait(false)).Select(p => p.ProtocolPrompt).ToList();
            }

            log.LogInformation("upstream {Upstream} connected ({Protocol}): {Tools} tools, {Resources} resources, {Prompts} prompts", upstream.Name, client.NegotiatedProtocolVersion, tools.Count, connection.Resources.Count, connection.Prompts.Count);
            return connection;
        }
        catch (Exception e)
        {
            if (client is not null)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            if (process is not null)
            {
                await process.DisposeAsync().ConfigureAwait(false);
            }

            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new GatewayStartupException(
                e is OperationCanceledException
                    ? $"upstream '{upstream.Name}' did not complete the MCP handshake within {HandshakeTimeout.TotalSeconds:0} s"
                    : $"upstream '{upstream.Name}' did not answer the MCP handshake: {e.Message}",
                e);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().ConfigureAwait(false);
        if (_process is not null)
        {
            await _process.DisposeAsync().ConfigureAwait(false);
        }

        if (_stderr is not null)
        {
            await _stderr.ConfigureAwait(false);
        }
    }

    /// <summary>Reads the server's stderr into the log (at Debug: it may hold payloads), so the pipe never fills.</summary>
    private static async Task DrainErrorsAsync(SandboxedProcess process, ILogger log)
    {
        try
        {
            using var reader = new StreamReader(process.Error);
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                log.LogDebug("stderr: {Line}", line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process is gone.
        }
    }
}
