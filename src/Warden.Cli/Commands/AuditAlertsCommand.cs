using System.CommandLine;
using System.Text.Json;
using Warden.Auditing.Alerts;
using Warden.Storage.Sqlite;

namespace Warden.Cli.Commands;

/// <summary>
/// <c>warden audit alerts</c>: the alert outbox's state (pending, delivered, failed, the last error),
/// and with <c>--deliver</c> one delivery pass of every due alert to the policy's webhooks, for hosts
/// that do not run the gateway (its dispatcher delivers continuously).
/// </summary>
internal static class AuditAlertsCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "The data folder.", DefaultValueFactory = _ => "warden-data" };
        var policy = new Option<string?>("--policy") { Description = "The policy whose alerts: block names the webhooks (needed with --deliver)." };
        var deliver = new Option<bool>("--deliver") { Description = "Deliver every due alert once now (signing keys from the webhooks' secret_env variables)." };
        var retryFailed = new Option<bool>("--retry-failed") { Description = "Make the alerts given up after their last try pending again, tries reset (after a webhook's outage); with --deliver they are sent now." };
        var json = new Option<bool>("--json") { Description = "One JSON object instead of text." };
        var command = new Command("alerts", "Show the alert outbox (pending, delivered, failed) and, with --deliver, send what is due.")
        {
            data, policy, deliver, retryFailed, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(data)!;
            if (!File.Exists(Path.Combine(folder, SqliteAuditStore.FileName)))
            {
                Console.Error.WriteLine($"warden: there is no audit log in '{folder}' (give --data)");
                return ExitCodes.BadInput;
            }

            AlertSettings? settings = null;
            if (parse.GetValue(deliver))
            {
                if (parse.GetValue(policy) is not { } policyPath)
                {
                    Console.Error.WriteLine("warden: --deliver needs --policy: its alerts: block names the webhooks");
                    return ExitCodes.BadInput;
                }

                if (PolicyFile.Load(policyPath, out var exitCode) is not { Policy: { } loaded })
                {
                    return exitCode == ExitCodes.Success ? ExitCodes.BadInput : exitCode;
                }

                settings = loaded.Alerts;
            }

            // The outbox alone: no keys made, no head signed over the log; read-only when only looking.
            using var outbox = SqliteAlertOutbox.Open(folder, readOnly: settings is null && !parse.GetValue(retryFailed));
            int? retried = parse.GetValue(retryFailed) ? await outbox.RetryFailedAsync(DateTimeOffset.UtcNow, cancellationToken) : null;
            var delivered = 0;
            var failures = new List<string>();
            if (settings is not null)
            {
                using var http = AlertDispatcher.CreateHttpClient();
                var dispatcher = new AlertDispatcher(outbox, () => settings, http) { Log = failures.Add };
                delivered = await dispatcher.DeliverDueAsync(cancellationToken);
            }

            var status = await outbox.StatusAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(
                    new { status.Pending, status.Delivered, status.Failed, status.LastError, Retried = retried, DeliveredNow = settings is null ? (int?)null : delivered, Failures = failures },
                    CliJson.Lines));
            }
            else
            {
                foreach (var failure in failures)
                {
                    Console.Error.WriteLine($"warden: {failure}");
                }

                if (retried is not null)
                {
                    Console.WriteLine($"made pending again: {retried}");
                }

                if (settings is not null)
                {
                    Console.WriteLine($"delivered now: {delivered}");
                }

                Console.WriteLine($"pending: {status.Pending}, delivered: {status.Delivered}, failed: {status.Failed}");
                if (status.LastError is { } lastError)
                {
                    Console.WriteLine($"last error: {lastError}");
                }
            }

            return failures.Count > 0 ? ExitCodes.Finding : ExitCodes.Success;
        });
        return command;
    }
}
