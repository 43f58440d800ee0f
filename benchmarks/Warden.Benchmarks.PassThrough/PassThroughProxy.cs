using System.Collections.Concurrent;
using System.Text;
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
    private readonly FileStream? _durable;
    private readonly HttpClient? _http;

    private PassThroughProxy(WebApplication app, McpClient? client, FileStream? durable, HttpClient? http = null)
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
        var durable = durablePath is null ? null : new FileStream(durablePath, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        var gate = new SemaphoreSlim(1, 1);
        var waiting = new ConcurrentQueue<(byte[] Line, TaskCompletionSource Done)>();
        if (raw)
        {
            return await StartRawAsync(upstream, url, durable, gate, waiting).ConfigureAwait(false);
        }

        var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = upstream, Name = "upstream" })).ConfigureAwait(false);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url.GetLeftPart(UriPartial.Authority));
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
                    await AppendDurablyAsync(durable, gate, waiting, request.Params!.Name).ConfigureAwait(false);
                }

                return result;
            });
        var app = builder.Build();
        app.MapMcp(url.AbsolutePath);
        await app.StartAsync().ConfigureAwait(false);
        return new PassThroughProxy(app, client, durable);
    }

    private static async Task<PassThroughProxy> StartRawAsync(Uri upstream, Uri url, FileStream? durable, SemaphoreSlim gate, ConcurrentQueue<(byte[] Line, TaskCompletionSource Done)> waiting)
    {
        var http = new HttpClient();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url.GetLeftPart(UriPartial.Authority));
        var app = builder.Build();
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
                await AppendDurablyAsync(durable, gate, waiting, "call").ConfigureAwait(false);
            }

            context.Response.StatusCode = (int)answer.StatusCode;
            context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
            await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        });
        await app.StartAsync().ConfigureAwait(false);
        return new PassThroughProxy(app, null, durable, http);
    }

    /// <summary>Waits until the host is stopped (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <summary>
    /// One line appended and flushed to disk (fsync) before this returns. Group-committed as the gateway's
    /// stores are: whoever holds the file writes every line waiting at that moment and flushes once.
    /// </summary>
    private static async Task AppendDurablyAsync(FileStream file, SemaphoreSlim gate, ConcurrentQueue<(byte[] Line, TaskCompletionSource Done)> waiting, string tool)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting.Enqueue((Encoding.UTF8.GetBytes($"{DateTimeOffset.UtcNow:O} {tool}\n"), done));
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!done.Task.IsCompleted)
            {
                var batch = new List<TaskCompletionSource>();
                try
                {
                    while (waiting.TryDequeue(out var next))
                    {
                        batch.Add(next.Done);
                        file.Write(next.Line);
                    }

                    file.Flush(flushToDisk: true);
                    batch.ForEach(d => d.SetResult());
                }
                catch (Exception e)
                {
                    batch.ForEach(d => d.TrySetException(e)); // the calls fail, as the gateway's would; none is left waiting
                }
            }
        }
        finally
        {
            gate.Release();
        }

        await done.Task.ConfigureAwait(false);
    }

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
