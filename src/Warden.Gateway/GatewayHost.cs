using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Warden.Auditing.Anomalies;
using Warden.Gateway.Access;
using Warden.Gateway.Upstreams;
using Warden.Policies;
using Warden.Sandbox;
using Warden.Storage.Sqlite;

namespace Warden.Gateway;

/// <summary>
/// The running gateway: Kestrel serving MCP over Streamable HTTP (stateless: Warden's session id
/// travels in <c>X-Warden-Session</c> and its state lives in the store) at <c>/mcp</c>, the upstream
/// MCP servers connected, the gate over the embedded SQLite store, the audit log, alerts and anomaly
/// detection; <c>/healthz</c> beside it.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    /// <summary>How long shutdown waits for calls still under way before cancelling them.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private readonly GatewayState _state;
    private readonly SqliteDatabase _database;
    private readonly SqliteAuditStore _audit;
    private WatchedPolicySource? _policy;

    private GatewayHost(WebApplication app, GatewayState state, SqliteDatabase database, SqliteAuditStore audit, IReadOnlyList<Uri> urls)
    {
        _app = app;
        _state = state;
        _database = database;
        _audit = audit;
        Urls = urls;
    }

    /// <summary>Where the gateway listens (ports resolved).</summary>
    public IReadOnlyList<Uri> Urls { get; }

    /// <summary>The MCP endpoint of the first address.</summary>
    public Uri McpEndpoint => new(Urls[0], "/mcp");

    /// <summary>The gate every call goes through.</summary>
    public Gate Gate => _state.Gate;

    /// <summary>Upstreams that could not be reached at start, with the reason.</summary>
    public IReadOnlyDictionary<string, string> UpstreamFailures => _state.Upstreams.Failures;

    /// <summary>The request header that names Warden's session (echoed in the response).</summary>
    public const string SessionHeader = Access.CallerContext.SessionHeader;

    /// <summary>Checks the options, opens the stores, connects the upstreams and starts listening.</summary>
    /// <exception cref="GatewayStartupException">The gateway cannot start; the message says why.</exception>
    public static async Task<GatewayHost> StartAsync(GatewayOptions options, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var urls = ListenAddresses.Validate(options);
        var policyPath = Path.GetFullPath(options.PolicyPath);
        var loaded = File.Exists(policyPath) ? PolicyLoader.LoadFile(policyPath) : throw new GatewayStartupException($"the policy file '{policyPath}' does not exist");
        if (loaded.Policy is not { } policy)
        {
            throw new GatewayStartupException($"the policy '{policyPath}' has errors:{Environment.NewLine}{string.Join(Environment.NewLine, loaded.Errors.Select(e => e.Format(policyPath)))}");
        }

        var certificate = LoadCertificate(options);
        var jwt = policy.Gateway.Jwt is { } jwtSettings ? JwtValidator.Create(jwtSettings, Path.GetDirectoryName(policyPath)!) : null;
        var data = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(data);
        var policySource = new WatchedPolicySource(policyPath, policy, await File.ReadAllTextAsync(policyPath, cancellationToken).ConfigureAwait(false), options.TimeProvider);
        SqliteDatabase? database = null;
        SqliteAuditStore? audit = null;
        WebApplication? app = null;
        UpstreamSet? upstreams = null;
        try
        {
            (var stores, database) = SqliteStores.Open(data);
            audit = SqliteAuditStore.Open(data, options.TimeProvider);
            audit.Alerts = policy.Alerts;
            var detector = new AnomalyDetector(policy.Anomalies);
            await AnomalyHistory.LearnAsync(detector, audit, options.TimeProvider.GetUtcNow() - AnomalyHistory.DefaultWindow, cancellationToken).ConfigureAwait(false);

            var builder = CreateBuilder(urls, certificate, logging);
            var allowedHosts = AllowedHosts(options, urls).ToList();
            builder.Configuration["AllowedHosts"] = string.Join(';', allowedHosts);
            var stateSlot = new StateSlot();
            builder.Services.AddSingleton(stateSlot);
            builder.Services.AddHttpContextAccessor();
            // Enumerations in the admin API's answers as words, spelled as `warden ... --json` prints them (TOOL_CALL, APPROVED).
            builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper)));
            GatewayTelemetry.Add(builder.Services);
            builder.Services.AddHostedService(services => new AlertDispatchService(audit, policySource, options.TimeProvider, services.GetRequiredService<ILogger<AlertDispatchService>>()));
            Mcp.GatewayMcpServer.Add(builder.Services, () => stateSlot.State.Handlers);

            app = builder.Build();
            var loggerFactory = app.Services.GetRequiredService<ILoggerFactory>();
            var sandbox = new SandboxExecutor(new SandboxExecutorOptions { TimeProvider = options.TimeProvider });
            upstreams = await UpstreamSet.ConnectAsync(policy, Path.GetDirectoryName(policyPath)!, sandbox, loggerFactory, cancellationToken).ConfigureAwait(false);
            var gateBuilder = GateBuilder.CreateDefault(policySource, upstreams.Catalog, options.TimeProvider, new SandboxedToolRunner(sandbox, Path.Combine(data, "workspaces")), stores);
            gateBuilder.Audit = new AnomalyWatchingAuditStore(audit, detector);
            policySource.Log = loggerFactory.CreateLogger("Warden.Gateway.Policy");
            policySource.Audit = gateBuilder.Audit;
            policySource.Changed = changed =>
            {
                audit.Alerts = changed.Alerts;
                detector.Settings = changed.Anomalies;
            };
            var rateLimits = new RateLimits();
            app.Lifetime.ApplicationStopped.Register(rateLimits.Dispose);
            var state = new GatewayState { Policy = policySource, Gate = gateBuilder.Build(), Upstreams = upstreams, Log = loggerFactory.CreateLogger("Warden.Gateway.Mcp") };
            stateSlot.State = state;

            app.Use(next => new OriginCheck(next, allowedHosts).InvokeAsync);
            app.UseWhen(http => http.Request.Path.StartsWithSegments("/mcp"), mcp => mcp.Use(next => new AccessMiddleware(next, policySource, state.Gate, rateLimits, jwt).InvokeAsync));
            app.MapMcp("/mcp");
            app.UseWhen(http => http.Request.Path.StartsWithSegments("/admin"), admin => admin.UseMiddleware<Admin.AdminAccessMiddleware>(policySource));
            Admin.AdminEndpoints.Map(app, state.Gate);
            Admin.AdminOperations.Map(app, state.Gate, data, policySource, policyPath);
            app.MapPrometheusScrapingEndpoint(GatewayTelemetry.MetricsPath);
            // Unauthenticated: states only; the reasons (command lines, paths) are in the log.
            app.MapGet("/healthz", () => Results.Json(new
            {
                status = upstreams.Failures.Count == 0 ? "ok" : "degraded",
                upstreams = policy.Upstreams.Keys.Order(StringComparer.Ordinal).ToDictionary(name => name, name => upstreams.Failures.ContainsKey(name) ? "unavailable" : "connected"),
            }));
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new GatewayStartupException($"cannot listen on {string.Join(", ", urls)}: {e.Message}", e);
            }
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
            return new GatewayHost(app, state, database!, audit, bound) { _policy = policySource };
        }
        catch
        {
            // Whatever was opened before the failure is closed: nothing stays running or locked.
            policySource.Dispose();
            if (upstreams is not null)
            {
                await upstreams.DisposeAsync().ConfigureAwait(false);
            }

            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            if (audit is not null)
            {
                await audit.DisposeAsync().ConfigureAwait(false);
            }

            if (database is not null)
            {
                await database.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>Waits until the host is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _policy?.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        // Calls whose agents hung up still run (within their tools' timeouts): let them end and be audited.
        await _state.InFlight.DrainAsync(ShutdownGrace).ConfigureAwait(false);
        _state.InFlight.Dispose();
        await _state.Upstreams.DisposeAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _audit.DisposeAsync().ConfigureAwait(false);
        await _database.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The web host: Kestrel on <paramref name="urls"/> (HTTPS with <paramref name="certificate"/> when given), warnings and errors logged unless <paramref name="logging"/> asks for more.</summary>
    private static WebApplicationBuilder CreateBuilder(IReadOnlyList<Uri> urls, X509Certificate2? certificate, Action<ILoggingBuilder>? logging)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning); // warden serve sets its own levels
        logging?.Invoke(builder.Logging);
        builder.WebHost.UseUrls([.. urls.Select(u => u.ToString())]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (certificate is not null)
            {
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
            }
        });
        return builder;
    }

    private static X509Certificate2? LoadCertificate(GatewayOptions options)
    {
        if (options.CertificatePath is not { } path)
        {
            return null;
        }

        try
        {
            return options.CertificateKeyPath is { } key
                ? X509Certificate2.CreateFromPemFile(path, key)
                : X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException)
        {
            throw new GatewayStartupException($"the certificate '{path}' cannot be loaded: {e.Message}", e);
        }
    }

    /// <summary>Host names accepted in the Host header: those configured, else the listening hosts and the loopback names.</summary>
    private static IEnumerable<string> AllowedHosts(GatewayOptions options, IReadOnlyList<Uri> urls)
    {
        if (options.AllowedHosts is { Count: > 0 } configured)
        {
            return configured;
        }

        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost", "127.0.0.1", "[::1]" };
        foreach (var url in urls)
        {
            if (url.Host is "0.0.0.0" or "[::]" or "::" or "*" or "+")
            {
                return ["*"]; // listening everywhere: give --allowed-hosts to restrict the names
            }

            hosts.Add(url.Host);
        }

        return hosts;
    }

    /// <summary>Lets the MCP handlers, registered before the app is built, reach the state made after.</summary>
    private sealed class StateSlot
    {
        public GatewayState State { get; set; } = null!;
    }
}
