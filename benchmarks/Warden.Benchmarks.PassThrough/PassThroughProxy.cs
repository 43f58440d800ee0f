using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Warden.Benchmarks.PassThrough;

/// <summary>
/// The gateway benchmark's baselines, in front of one upstream. By default a stateless Streamable HTTP
/// MCP server whose tools/list and tools/call are forwarded, as they are, through one
/// <see cref="McpClient"/>, as the gateway forwards them: the same SDK, transport settings and web
/// stack, and nothing else (no authentication, gate, store or telemetry). Raw, a proxy that forwards
/// bytes and understands nothing. With a durable file, every call also appends a line to it and
/// flushes it to disk before answering, as the gateway's audit event must be on disk before its answer.
/// </summary>
public sealed class PassThroughProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly McpClient? _client;
    private readonly DurableLog? _durable;
    private readonly HttpClient? _http;

    private PassThroughProxy(WebApplication app, McpClient? client, DurableLog? durable, HttpClient? http)
    {
        _app = app;
        _client = client;
        _durable = durable;
        _http = http;
    }

    /// <summary>
    /// Connects to <paramref name="upstream"/> and starts serving on <paramref name="url"/>. When
    /// <paramref name="raw"/>, no MCP at all: each POST's body is sent on to the upstream with one
    /// <see cref="HttpClient"/> and its answer copied back, bytes for bytes (the least a proxy in this
    /// web stack can do; it understands nothing it forwards; the request body is streamed on, the answer
    /// streamed back). With <paramref name="durablePath"/>, every call appends a line to that file and
    /// flushes it to disk before the answer is sent, so the raw proxy then reads the whole answer first.
    /// </summary>
    public static async Task<PassThroughProxy> StartAsync(Uri upstream, Uri url, string? durablePath, bool raw = false)
    {
        var durable = durablePath is null ? null : new DurableLog(durablePath);
        return raw ? await StartRawAsync(upstream, url, durable).ConfigureAwait(false) : await StartMcpAsync(upstream, url, durable).ConfigureAwait(false);
    }

    private static async Task<PassThroughProxy> StartMcpAsync(Uri upstream, Uri url, DurableLog? durable)
    {
        var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = upstream, Name = "upstream" })).ConfigureAwait(false);
        var builder = NewBuilder(url);
        builder.Services
            .AddMcpServer(mcp => mcp.ServerInfo = new Implementation { Name = "pass-through", Version = "1.0.0" })
            .WithHttpTransport(http => http.Stateless = true)
            .WithListToolsHandler(async (request, ct) =>
                new ListToolsResult { Tools = [.. (await client.ListToolsAsync(cancellationToken: ct).ConfigureAwait(false)).Select(t => t.ProtocolTool)] })
            .WithCallToolHandler(async (request, ct) =>
            {
                var result = await client.CallToolAsync(request.Params!, ct).ConfigureAwait(false);
                if (durable is not null)
                {
                    await durable.AppendAsync(request.Params!.Name).ConfigureAwait(false);
                }

                return result;
            });
        var app = builder.Build();
        app.MapMcp(url.AbsolutePath);
        await app.StartAsync().ConfigureAwait(false);
        return new PassThroughProxy(app, client, durable, null);
    }

    private static async Task<PassThroughProxy> StartRawAsync(Uri upstream, Uri url, DurableLog? durable)
    {
        var http = new HttpClient();
        var app = NewBuilder(url).Build();
        app.MapPost(url.AbsolutePath, async context =>
        {
            using var forward = new HttpRequestMessage(HttpMethod.Post, upstream) { Content = new StreamContent(context.Request.Body) };
            forward.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(context.Request.ContentType ?? "application/json");
            if (context.Request.Headers.Accept.Count > 0)
            {
                forward.Headers.TryAddWithoutValidation("Accept", context.Request.Headers.Accept.ToString());
            }

            using var answer = await http.SendAsync(forward, durable is null ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, context.RequestAborted).ConfigureAwait(false);
            if (durable is not null)
            {
                await durable.AppendAsync("call").ConfigureAwait(false);
            }

            context.Response.StatusCode = (int)answer.StatusCode;
            context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
            await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        });
        await app.StartAsync().ConfigureAwait(false);
        return new PassThroughProxy(app, null, durable, http);
    }

    /// <summary>A slim web host without logging, listening where <paramref name="url"/> says.</summary>
    private static WebApplicationBuilder NewBuilder(Uri url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url.GetLeftPart(UriPartial.Authority));
        return builder;
    }

    /// <summary>Waits until the host is stopped (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_client is not null)
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }

        _http?.Dispose();
        if (_durable is not null)
        {
            await _durable.DisposeAsync().ConfigureAwait(false);
        }
    }
}
