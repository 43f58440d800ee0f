using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Warden.Resilience.Metrics;

namespace Warden.Gateway;

/// <summary>
/// OpenTelemetry for the gateway: the gate's meter (<c>Warden.Gate</c>: calls, durations, errors, turns)
/// and ASP.NET Core's, exposed for Prometheus at <c>/admin/metrics</c> (the admin credential); traces of
/// every tools/call (<c>Warden.Gateway</c>: agent, tool, decision, rule) and of HTTP requests, sent over
/// OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class GatewayTelemetry
{
    /// <summary>The activity source of the gateway's spans.</summary>
    public static readonly ActivitySource Source = new("Warden.Gateway", GatewayInfo.Version);

    /// <summary>Where Prometheus scrapes (behind the admin credential).</summary>
    public const string MetricsPath = "/admin/metrics";

    internal static void Add(IServiceCollection services)
    {
        var otlp = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("warden-gateway", serviceVersion: GatewayInfo.Version))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(GateMetrics.MeterName).AddAspNetCoreInstrumentation().AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(Source.Name).AddAspNetCoreInstrumentation();
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
    }
}
