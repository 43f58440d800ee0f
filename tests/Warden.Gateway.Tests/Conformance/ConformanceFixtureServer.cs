using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

// The suite (0.1.16) still tests logging and sampling, which the SDK marks deprecated since the 2026-07-28 specification (SEP-2577).
#pragma warning disable MCP9005

namespace Warden.Gateway.Tests.Conformance;

/// <summary>
/// The C# fixture server the MCP conformance suite is run against, directly and behind the gateway:
/// Streamable HTTP with sessions (sampling and elicitation need a way back to the client), on a free loopback port.
/// </summary>
internal sealed class ConformanceFixtureServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ConformanceFixtureServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>Where the server answers MCP requests.</summary>
    public Uri Endpoint { get; }

    /// <summary>Starts the server on a free loopback port.</summary>
    public static async Task<ConformanceFixtureServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddHostFiltering(hosts => hosts.AllowedHosts = ["127.0.0.1", "localhost"]); // a loopback server refuses rebound DNS names
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var subscriptions = new HashSet<string>(StringComparer.Ordinal);
        builder.Services.AddMcpServer(options => options.ServerInfo = new() { Name = "warden-conformance-fixture", Version = "1.0.0" })
            .WithHttpTransport(http => http.Stateless = false)
            .WithTools<ConformanceFixtureTools>()
            .WithTools([ConformanceFixtureTools.JsonSchema202012()])
            .WithResources<ConformanceFixtureContent>()
            .WithPrompts<ConformanceFixtureContent>()
            .WithSetLoggingLevelHandler((_, _) => ValueTask.FromResult(new EmptyResult()))
            .WithSubscribeToResourcesHandler((request, _) =>
            {
                lock (subscriptions)
                {
                    subscriptions.Add(request.Params!.Uri);
                }

                return ValueTask.FromResult(new EmptyResult());
            })
            .WithUnsubscribeFromResourcesHandler((request, _) =>
            {
                lock (subscriptions)
                {
                    subscriptions.Remove(request.Params!.Uri);
                }

                return ValueTask.FromResult(new EmptyResult());
            })
            .WithCompleteHandler((request, _) =>
            {
                string[] known = ["paris", "park", "party"];
                var typed = request.Params!.Argument.Value;
                var values = known.Where(v => v.StartsWith(typed, StringComparison.Ordinal)).ToList();
                return ValueTask.FromResult(new CompleteResult { Completion = new Completion { Values = values, Total = values.Count, HasMore = false } });
            });
        var app = builder.Build();
        app.UseHostFiltering();
        app.MapMcp("/mcp");
        await app.StartAsync(cancellationToken);
        var address = app.Urls.First();
        return new ConformanceFixtureServer(app, new Uri(new Uri(address), "/mcp"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
