using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Warden.Samples.Office;

/// <summary>The sample office as an MCP server over Streamable HTTP (stateless), on a loopback address.</summary>
public sealed class OfficeServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OfficeServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>Where the server answers MCP requests.</summary>
    public Uri Endpoint { get; }

    /// <summary>Seeds <paramref name="office"/> and serves it at <paramref name="endpoint"/> (http on a loopback address).</summary>
    /// <exception cref="ArgumentException">The endpoint is not http on a loopback address.</exception>
    /// <exception cref="IOException">The address is in use.</exception>
    public static async Task<OfficeServer> StartAsync(OfficeFolder office, Uri endpoint, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(office);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Scheme != Uri.UriSchemeHttp || !endpoint.IsLoopback)
        {
            throw new ArgumentException($"the sample office serves plain http on a loopback address only, not '{endpoint}'", nameof(endpoint));
        }

        office.Seed();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders(); // a failure to start reaches the caller as the exception
        builder.WebHost.UseUrls(endpoint.GetLeftPart(UriPartial.Authority));
        builder.Services.AddSingleton(office).AddSingleton(time);
        builder.Services.AddMcpServer(options => options.ServerInfo = new() { Name = "warden-sample-office", Version = "1.0.0" })
            .WithHttpTransport(http => http.Stateless = true)
            .WithTools<OfficeTools>();
        var app = builder.Build();
        app.MapMcp(endpoint.AbsolutePath);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new OfficeServer(app, endpoint);
    }

    /// <summary>Completes when the server is asked to stop (Ctrl+C, SIGTERM) or <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
