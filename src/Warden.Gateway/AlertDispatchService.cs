using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Warden.Auditing.Alerts;
using Warden.Policies;
using Warden.Storage.Sqlite;

namespace Warden.Gateway;

/// <summary>Delivers the audit log's alerts to the policy's webhooks while the gateway runs.</summary>
internal sealed class AlertDispatchService(SqliteAuditStore audit, IPolicySource policy, TimeProvider time, ILogger<AlertDispatchService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var http = AlertDispatcher.CreateHttpClient();
        var dispatcher = new AlertDispatcher(audit.Outbox, () => policy.Current.Alerts, http, time)
        {
            Log = message => log.LogWarning("{Message}", message),
        };
        await dispatcher.RunAsync(stoppingToken).ConfigureAwait(false);
    }
}
