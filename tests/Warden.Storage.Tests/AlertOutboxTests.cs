using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Warden.Auditing;
using Warden.Auditing.Alerts;
using Warden.Storage.Sqlite;

namespace Warden.Storage.Tests;

public sealed class AlertOutboxTests : IDisposable
{
    private const string SecretName = "HOOK_SECRET";
    private const string Secret = "webhook-signing-secret";
    private readonly string _folder = Directory.CreateTempSubdirectory("warden-alerts-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly WebhookReceiver _receiver = new();
    private readonly HttpClient _http = AlertDispatcher.CreateHttpClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _http.Dispose();
        _receiver.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Violations_and_anomalies_are_queued_with_their_events_and_delivered_once_each_signed()
    {
        await using var store = Open(Settings());
        await store.AppendAsync(Event("call", AuditEventType.ToolCall), Ct);
        await store.AppendAsync(Event("violation", AuditEventType.SecurityViolation), Ct);
        await store.AppendAsync(Event("anomaly", AuditEventType.Anomaly), Ct);
        Assert.Equal(new AlertOutboxStatus(2, 0, 0, null), await store.Outbox.StatusAsync(Ct));

        var dispatcher = Dispatcher(store, Settings());
        Assert.Equal(2, await dispatcher.DeliverDueAsync(Ct));
        Assert.Equal(0, await dispatcher.DeliverDueAsync(Ct));

        Assert.Equal(new AlertOutboxStatus(0, 2, 0, null), await store.Outbox.StatusAsync(Ct));
        var requests = _receiver.Requests.ToList();
        Assert.Equal(["violation", "anomaly"], requests.Select(r => r.Headers[WebhookSignature.EventIdHeader]));
        foreach (var (headers, body, _) in requests)
        {
            var timestamp = long.Parse(headers[WebhookSignature.TimestampHeader], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds(), timestamp);
            Assert.True(WebhookSignature.Verify(Secret, timestamp, body, headers[WebhookSignature.Header]));
            Assert.False(WebhookSignature.Verify("another secret", timestamp, body, headers[WebhookSignature.Header]));
            Assert.True(WebhookSignature.Verify(Secret, timestamp, body, headers[WebhookSignature.Header], _time.GetUtcNow().AddMinutes(4)));
            Assert.False(WebhookSignature.Verify(Secret, timestamp, body, headers[WebhookSignature.Header], _time.GetUtcNow().AddMinutes(6))); // replayed later
            Assert.False(WebhookSignature.Verify(Secret, timestamp, body, headers[WebhookSignature.Header], _time.GetUtcNow().AddMinutes(-6)));
            Assert.StartsWith("application/json", headers["Content-Type"], StringComparison.Ordinal);
            using var json = JsonDocument.Parse(body);
            Assert.Equal(headers[WebhookSignature.EventIdHeader], json.RootElement.GetProperty("event_id").GetString());
            Assert.Equal(headers[WebhookSignature.EventIdHeader], json.RootElement.GetProperty("event").GetProperty("id").GetString());
            Assert.Equal("soc", json.RootElement.GetProperty("webhook").GetString());
        }
    }

    [Fact]
    public async Task A_failed_delivery_backs_off_survives_a_restart_and_then_arrives_once()
    {
        _receiver.AnswerNext(503);
        await using (var store = Open(Settings()))
        {
            await store.AppendAsync(Event("violation", AuditEventType.SecurityViolation), Ct);
            var dispatcher = Dispatcher(store, Settings());
            Assert.Equal(0, await dispatcher.DeliverDueAsync(Ct));
            Assert.Equal(0, await dispatcher.DeliverDueAsync(Ct)); // backing off: not due yet
            var status = await store.Outbox.StatusAsync(Ct);
            Assert.Equal((1L, 0L, 0L), (status.Pending, status.Delivered, status.Failed));
            Assert.Contains("503", status.LastError, StringComparison.Ordinal);
        }

        _time.Advance(TimeSpan.FromSeconds(2));
        await using (var reopened = Open(Settings()))
        {
            var dispatcher = Dispatcher(reopened, Settings());
            Assert.Equal(1, await dispatcher.DeliverDueAsync(Ct));
            _time.Advance(TimeSpan.FromHours(1));
            Assert.Equal(0, await dispatcher.DeliverDueAsync(Ct));
            Assert.Equal(new AlertOutboxStatus(0, 1, 0, null), await reopened.Outbox.StatusAsync(Ct));
        }

        Assert.Equal([503, 200], _receiver.Requests.Select(r => r.Status));
        Assert.All(_receiver.Requests, r => Assert.Equal("violation", r.Headers[WebhookSignature.EventIdHeader]));
    }

    [Fact]
    public async Task An_alert_is_given_up_after_the_policys_attempts_and_a_missing_secret_is_named()
    {
        var settings = Settings() with { Attempts = 2 };
        await using var store = Open(settings);
        await store.AppendAsync(Event("violation", AuditEventType.SecurityViolation), Ct);
        var messages = new List<string>();
        var dispatcher = new AlertDispatcher(store.Outbox, () => settings, _http, _time) { Secrets = _ => null, Log = messages.Add };

        await dispatcher.DeliverDueAsync(Ct);
        _time.Advance(TimeSpan.FromSeconds(1));
        await dispatcher.DeliverDueAsync(Ct);
        _time.Advance(TimeSpan.FromMinutes(10));
        await dispatcher.DeliverDueAsync(Ct);

        var status = await store.Outbox.StatusAsync(Ct);
        Assert.Equal((0L, 0L, 1L), (status.Pending, status.Delivered, status.Failed));
        Assert.Contains($"the environment variable {SecretName}", messages[0], StringComparison.Ordinal);
        Assert.Contains("given up after 2 tries", messages[1], StringComparison.Ordinal);
        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task A_webhook_that_does_not_answer_in_time_or_refuses_the_connection_is_retried_later()
    {
        // A peer that accepts connections and never answers.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var silentUrl = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}/alerts");
        silent.Stop();
        var refusedUrl = silentUrl; // nothing listens there once stopped
        var settings = Settings() with { Timeout = TimeSpan.FromMilliseconds(300) };

        using var hanging = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        hanging.Start(); // connections are queued by the kernel and never read
        var hangingUrl = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)hanging.LocalEndpoint).Port}/alerts");

        foreach (var (url, expected) in new[] { (hangingUrl, "no answer within 0.3 s"), (refusedUrl, "the request failed") })
        {
            var webhookSettings = settings with { Webhooks = [new WebhookSettings("soc", url, SecretName, AlertSettings.DefaultTypes)] };
            var folder = Directory.CreateTempSubdirectory("warden-alerts-timeout-").FullName;
            try
            {
                await using var store = SqliteAuditStore.Open(folder, _time);
                store.Alerts = webhookSettings;
                await store.AppendAsync(Event("violation", AuditEventType.SecurityViolation), Ct);
                var dispatcher = new AlertDispatcher(store.Outbox, () => webhookSettings, _http, TimeProvider.System) { Secrets = _ => Secret };

                Assert.Equal(0, await dispatcher.DeliverDueAsync(Ct));

                var status = await store.Outbox.StatusAsync(Ct);
                Assert.Equal(1, status.Pending);
                Assert.Contains(expected, status.LastError, StringComparison.Ordinal);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_dispatcher_whose_lease_was_taken_over_cannot_mark_the_alert()
    {
        await using var store = Open(Settings());
        await store.AppendAsync(Event("violation", AuditEventType.SecurityViolation), Ct);
        var now = _time.GetUtcNow();

        var first = Assert.Single(await store.Outbox.TakeDueAsync("soc", now, now.AddSeconds(20), 10, Ct));
        Assert.Empty(await store.Outbox.TakeDueAsync("soc", now, now.AddSeconds(20), 10, Ct)); // leased
        var second = Assert.Single(await store.Outbox.TakeDueAsync("soc", now.AddSeconds(21), now.AddSeconds(41), 10, Ct)); // the lease ran out

        Assert.False(await store.Outbox.MarkFailedAsync(first, "late", now.AddSeconds(22), giveUp: true, Ct));
        Assert.True(await store.Outbox.MarkDeliveredAsync(second, now.AddSeconds(22), Ct));
        Assert.False(await store.Outbox.MarkDeliveredAsync(first, now.AddSeconds(23), Ct));
        Assert.Equal(new AlertOutboxStatus(0, 1, 0, null), await store.Outbox.StatusAsync(Ct));
    }

    [Fact]
    public async Task A_failing_webhook_holds_up_only_its_own_alerts_and_a_redirect_is_a_failed_try()
    {
        using var moved = new WebhookReceiver();
        moved.AnswerNext(302, 302);
        var settings = Settings() with { Webhooks = [.. Settings().Webhooks, new WebhookSettings("moved", moved.Url, SecretName, AlertSettings.DefaultTypes)] };
        await using var store = Open(settings);
        await store.AppendAsync(Event("v1", AuditEventType.SecurityViolation), Ct);
        await store.AppendAsync(Event("v2", AuditEventType.SecurityViolation), Ct);
        var messages = new List<string>();
        var dispatcher = new AlertDispatcher(store.Outbox, () => settings, _http, _time) { Secrets = _ => Secret, Log = messages.Add };

        Assert.Equal(2, await dispatcher.DeliverDueAsync(Ct));

        // "soc" got both; "moved" was tried once (its redirect not followed) and its pass stopped there.
        Assert.Equal(["v1", "v2"], _receiver.Requests.Select(r => r.Headers[WebhookSignature.EventIdHeader]));
        Assert.Equal([302], moved.Requests.Select(r => r.Status));
        Assert.Contains("answered 302", Assert.Single(messages), StringComparison.Ordinal);
        Assert.Equal(new AlertOutboxStatus(2, 2, 0, "the webhook answered 302 Found"), await store.Outbox.StatusAsync(Ct));
    }

    [Fact]
    public async Task Alerts_to_a_webhook_this_policy_does_not_name_wait_untried_and_given_up_alerts_can_be_retried()
    {
        var both = Settings() with { Webhooks = [.. Settings().Webhooks, new WebhookSettings("elsewhere", _receiver.Url, SecretName, AlertSettings.DefaultTypes)] };
        await using var store = Open(both);
        await store.AppendAsync(Event("v1", AuditEventType.SecurityViolation), Ct);
        _receiver.AnswerNext(500);
        var onlySoc = Settings() with { Attempts = 1 };
        var dispatcher = new AlertDispatcher(store.Outbox, () => onlySoc, _http, _time) { Secrets = _ => Secret };

        Assert.Equal(0, await dispatcher.DeliverDueAsync(Ct));
        Assert.Equal((1L, 0L, 1L), await Counts(store)); // soc's given up after its one try; elsewhere's untried
        Assert.Single(_receiver.Requests);

        Assert.Equal(1, await store.Outbox.RetryFailedAsync(_time.GetUtcNow(), Ct));
        Assert.Equal(1, await dispatcher.DeliverDueAsync(Ct));
        Assert.Equal((1L, 1L, 0L), await Counts(store));
        Assert.Equal(1, await new AlertDispatcher(store.Outbox, () => both, _http, _time) { Secrets = _ => Secret }.DeliverDueAsync(Ct));
        Assert.Equal((0L, 2L, 0L), await Counts(store));
    }

    [Fact]
    public async Task Delivered_alerts_are_deleted_after_a_week_at_most_once_an_hour_and_pending_ones_never()
    {
        await using var store = Open(Settings());
        await store.AppendAsync(Event("v1", AuditEventType.SecurityViolation), Ct);
        var dispatcher = Dispatcher(store, Settings());
        Assert.Equal(1, await dispatcher.DeliverDueAsync(Ct));
        _time.Advance(TimeSpan.FromDays(6));
        await store.AppendAsync(Event("v2", AuditEventType.SecurityViolation), Ct);

        await dispatcher.PruneIfDueAsync(Ct);
        Assert.Equal((1L, 1L, 0L), await Counts(store)); // v1 delivered 6 days ago: kept
        _time.Advance(TimeSpan.FromDays(1.5));
        await dispatcher.PruneIfDueAsync(Ct);
        Assert.Equal((1L, 0L, 0L), await Counts(store)); // v1 gone; v2, pending for 36 hours, kept
        Assert.Equal(1, await dispatcher.DeliverDueAsync(Ct));
        _time.Advance(TimeSpan.FromDays(8));
        await dispatcher.PruneIfDueAsync(Ct);
        Assert.Equal((0L, 0L, 0L), await Counts(store));
        Assert.Equal(2, _receiver.Requests.Count);
    }

    [Fact]
    public async Task While_the_gateway_runs_a_webhook_that_hangs_does_not_delay_the_next_alerts_of_another()
    {
        // A real clock here: the point is how long the healthy webhook waits.
        using var hanging = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        hanging.Start(); // accepts connections, never answers
        var settings = Settings() with
        {
            Timeout = TimeSpan.FromSeconds(30),
            Webhooks = [.. Settings().Webhooks, new WebhookSettings("hangs", new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)hanging.LocalEndpoint).Port}/"), SecretName, AlertSettings.DefaultTypes)],
        };
        await using var store = Open(settings);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var dispatcher = new AlertDispatcher(store.Outbox, () => settings, _http) { Secrets = _ => Secret, PollInterval = TimeSpan.FromMilliseconds(50), Log = log.Enqueue };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var running = dispatcher.RunAsync(stop.Token);

        await store.AppendAsync(Event("v1", AuditEventType.SecurityViolation), Ct);
        await WaitForAsync(() => _receiver.Requests.Count == 1 && store.Outbox.StatusAsync(Ct).AsTask().Result.Delivered == 1);
        await Task.Delay(TimeSpan.FromMilliseconds(300), Ct); // the healthy webhook's pass is over; "hangs" is still on v1
        await store.AppendAsync(Event("v2", AuditEventType.SecurityViolation), Ct);
        await WaitForAsync(() => _receiver.Requests.Count == 2);

        await stop.CancelAsync();
        await running;
        Assert.Equal(["v1", "v2"], _receiver.Requests.Select(r => r.Headers[WebhookSignature.EventIdHeader]));
        Assert.Empty(log); // "hangs" never answered: no failure was recorded before the stop
    }

    /// <summary>Waits up to 10 s (far less than the hanging webhook's 30 s timeout) for <paramref name="condition"/>.</summary>
    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the healthy webhook waited for the hanging one");
            await Task.Delay(20, Ct);
        }
    }

    private static async Task<(long Pending, long Delivered, long Failed)> Counts(SqliteAuditStore store)
    {
        var status = await store.Outbox.StatusAsync(Ct);
        return (status.Pending, status.Delivered, status.Failed);
    }

    private AlertSettings Settings() => new()
    {
        Webhooks = [new WebhookSettings("soc", _receiver.Url, SecretName, AlertSettings.DefaultTypes)],
    };

    private SqliteAuditStore Open(AlertSettings alerts)
    {
        var store = SqliteAuditStore.Open(_folder, _time);
        store.Alerts = alerts;
        return store;
    }

    private AlertDispatcher Dispatcher(SqliteAuditStore store, AlertSettings settings) =>
        new(store.Outbox, () => settings, _http, _time) { Secrets = name => name == SecretName ? Secret : null };

    private AuditEvent Event(string id, AuditEventType type) => new()
    {
        Id = id,
        Timestamp = _time.GetUtcNow(),
        Type = type,
        AgentId = "agent-1",
        SessionId = "s1",
        Tool = "send_email",
        Decision = type == AuditEventType.SecurityViolation ? DecisionKind.Deny : DecisionKind.Allow,
        Rule = "flows.no-exfiltration",
        Reason = "untrusted content may not leave",
    };
}
