using System.Globalization;
using System.Net.Http.Headers;

namespace Warden.Auditing.Alerts;

/// <summary>
/// Delivers the alerts of an <see cref="IAlertOutbox"/> to their webhooks: a POST of the JSON body,
/// signed (<see cref="WebhookSignature"/>) with the secret in the webhook's environment variable. A
/// 2xx answer marks the alert delivered, so it is sent once per event and webhook; anything else (an
/// error status, no answer within the timeout, a missing secret) is tried again with a doubling delay
/// from 1 s up to the policy's <c>max_backoff</c>, until the policy's <c>attempts</c> are spent, when
/// the alert is kept as failed with its last error. Alerts wait in the outbox across restarts.
/// </summary>
public sealed class AlertDispatcher(IAlertOutbox outbox, Func<AlertSettings> settings, HttpClient http, TimeProvider? timeProvider = null)
{

    private readonly IAlertOutbox _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
    private readonly Func<AlertSettings> _settings = settings ?? throw new ArgumentNullException(nameof(settings));
    private readonly HttpClient _http = http ?? throw new ArgumentNullException(nameof(http));
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Where a failed delivery is reported (besides the outbox), e.g. a logger.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Reads a webhook's secret; the process environment unless replaced.</summary>
    public Func<string, string?> Secrets { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>How often <see cref="RunAsync"/> looks for due alerts: 1 second.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a delivered alert is kept in the outbox before <see cref="RunAsync"/> deletes it (it
    /// looks once an hour): 7 days. The events themselves stay in the log.
    /// </summary>
    public TimeSpan DeliveredKeptFor { get; init; } = TimeSpan.FromDays(7);

    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    /// <summary>
    /// An HTTP client for webhooks: redirects are not followed (a 3xx answer is a failed try: a
    /// redirected POST arrives as a GET, or somewhere the policy did not name), and there is no
    /// client-wide timeout (each delivery has the policy's).
    /// </summary>
    public static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>
    /// Delivers every alert due now and returns how many were delivered. Each webhook's alerts go in
    /// turn, oldest first, and the webhooks side by side, so that a webhook that fails or hangs holds
    /// up only its own alerts: its pass stops at its first failure, and the rest wait for the next
    /// pass. Each alert is leased for twice the timeout, so a lease never runs out while its delivery
    /// is under way. Alerts to a webhook the policy does not name are left waiting: another process
    /// sharing the log, or a later policy, may name it.
    /// </summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        // Due as of the pass's start: an alert that fails in this pass waits for the next one.
        var started = _time.GetUtcNow();
        var delivered = await Task.WhenAll(_settings().Webhooks.Select(webhook => DeliverDueAsync(webhook.Name, started, cancellationToken))).ConfigureAwait(false);
        return delivered.Sum();
    }

    private async Task<int> DeliverDueAsync(string webhook, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var delivered = 0;
        while (true)
        {
            var settings = _settings();
            var due = await _outbox.TakeDueAsync(webhook, started, _time.GetUtcNow() + (settings.Timeout * 2), 1, cancellationToken).ConfigureAwait(false);
            if (due.Count == 0 || !await DeliverAsync(due[0], settings, cancellationToken).ConfigureAwait(false))
            {
                return delivered;
            }

            delivered++;
        }
    }

    /// <summary>
    /// Delivers due alerts until cancelled: every <see cref="PollInterval"/>, each webhook the policy
    /// names whose last pass has ended starts another, so that a webhook that is slow, hangs or has a
    /// backlog never holds up the others' next passes. A failing pass is reported and the loop goes on.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var passes = new Dictionary<string, Task>(StringComparer.Ordinal);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var started = _time.GetUtcNow();
                foreach (var webhook in _settings().Webhooks)
                {
                    if (!passes.TryGetValue(webhook.Name, out var pass) || pass.IsCompleted)
                    {
                        passes[webhook.Name] = PassAsync(webhook.Name, started, cancellationToken);
                    }
                }

                try
                {
                    await PruneIfDueAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException and not ObjectDisposedException)
                {
                    Log?.Invoke($"deleting delivered alerts failed: {e.Message}");
                }

                await Task.Delay(PollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
            // the outbox was closed: the process is stopping
        }

        await Task.WhenAll(passes.Values).ConfigureAwait(false); // each contains its own failures
    }

    /// <summary>One pass of one webhook's due alerts; whatever goes wrong is reported, never thrown.</summary>
    private async Task PassAsync(string webhook, DateTimeOffset started, CancellationToken cancellationToken)
    {
        try
        {
            await DeliverDueAsync(webhook, started, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        catch (Exception e)
        {
            Log?.Invoke($"alert delivery to webhook '{webhook}' failed: {e.Message}");
        }
    }

    /// <summary>Deletes the alerts delivered more than <see cref="DeliveredKeptFor"/> ago, at most once an hour.</summary>
    public async Task PruneIfDueAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        if (now - _lastPrune < TimeSpan.FromHours(1))
        {
            return;
        }

        _lastPrune = now;
        await _outbox.PruneDeliveredAsync(now - DeliveredKeptFor, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> DeliverAsync(PendingAlert alert, AlertSettings settings, CancellationToken cancellationToken)
    {
        var webhook = settings.Webhooks.FirstOrDefault(w => w.Name == alert.Webhook);
        var error = webhook is null
            ? $"webhook '{alert.Webhook}' is no longer in the policy"
            : Secrets(webhook.SecretVariable) is not { Length: > 0 } secret
                ? $"the environment variable {webhook.SecretVariable} (webhook '{webhook.Name}''s signing key) is not set"
                : await PostAsync(alert, webhook, secret, settings.Timeout, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (error is null)
        {
            return await _outbox.MarkDeliveredAsync(alert, now, CancellationToken.None).ConfigureAwait(false);
        }

        // A webhook removed from the policy while its alert was taken is a failed try like any other.
        var attempts = alert.Attempts + 1;
        var giveUp = attempts >= settings.Attempts;
        var delay = TimeSpan.FromSeconds(Math.Min(settings.MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(attempts - 1, 30))));
        await _outbox.MarkFailedAsync(alert, error, now + delay, giveUp, CancellationToken.None).ConfigureAwait(false);
        Log?.Invoke(giveUp
            ? $"alert for event {alert.EventId} to webhook '{alert.Webhook}' given up after {attempts} tries: {error}"
            : $"alert for event {alert.EventId} to webhook '{alert.Webhook}' failed (try {attempts} of {settings.Attempts}, next in {delay.TotalSeconds:0} s): {error}");
        return false;
    }

    /// <summary>POSTs the alert; null on a 2xx answer, else what went wrong.</summary>
    private async Task<string?> PostAsync(PendingAlert alert, WebhookSettings webhook, string secret, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(alert.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.EventIdHeader, alert.EventId);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secret, timestamp, alert.Body));
        using var timer = new CancellationTokenSource(timeout, _time);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"the webhook answered {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {timeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException e)
        {
            return $"the request failed: {e.Message}";
        }
    }
}
