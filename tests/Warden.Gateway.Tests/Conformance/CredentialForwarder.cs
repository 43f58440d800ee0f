using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Warden.Gateway.Tests.Conformance;

/// <summary>
/// A loopback relay that adds an agent's API key to every request and passes everything else through
/// unchanged (Host and Origin included, streamed answers flushed as they come): the conformance suite's
/// client sends no credential, and the gateway admits no request without one.
/// </summary>
internal sealed class CredentialForwarder : IAsyncDisposable
{
    /// <summary>Headers not passed on: the connection's own, and the credential (replaced by the agent's key).</summary>
    private static readonly HashSet<string> NotPassedOn = new(StringComparer.OrdinalIgnoreCase) { "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Authorization" };

    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private CredentialForwarder(WebApplication app, HttpClient http, Uri endpoint)
    {
        _app = app;
        _http = http;
        Endpoint = endpoint;
    }

    /// <summary>Where the relay listens (same path as the target).</summary>
    public Uri Endpoint { get; }

    /// <summary>Starts a relay on a free loopback port to <paramref name="target"/>, sending <paramref name="key"/> as a bearer token.</summary>
    public static async Task<CredentialForwarder> StartAsync(Uri target, string key, CancellationToken cancellationToken)
    {
        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None }) { Timeout = Timeout.InfiniteTimeSpan };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(context => RelayAsync(context, http, target, key));
        await app.StartAsync(cancellationToken);
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new CredentialForwarder(app, http, new Uri(bound, target.AbsolutePath));
    }

    private static async Task RelayAsync(HttpContext context, HttpClient http, Uri target, string key)
    {
        var incoming = context.Request;
        using var request = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(target, incoming.Path + incoming.QueryString));
        if (incoming.ContentLength > 0 || incoming.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(incoming.Body);
        }

        foreach (var (name, values) in incoming.Headers)
        {
            if (NotPassedOn.Contains(name))
            {
                continue;
            }

            if (string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = values.ToString();
            }
            else if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!NotPassedOn.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _http.Dispose();
    }
}
