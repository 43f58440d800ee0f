namespace Warden.Auditing.Alerts;

/// <summary>
/// Alerts waiting to be delivered. A durable store fills it in the same transaction as the events
/// they report, so that an alert is never lost between the two, and keeps it across restarts.
/// </summary>
public interface IAlertOutbox
{
    /// <summary>
    /// Up to <paramref name="limit"/> alerts to <paramref name="webhook"/> due at <paramref name="now"/>,
    /// leased until <paramref name="leaseUntil"/> so that no other dispatcher takes them meanwhile; each
    /// carries a lease token that the marks below must present, so a dispatcher whose lease ran out
    /// cannot change a row another one has taken since.
    /// </summary>
    ValueTask<IReadOnlyList<PendingAlert>> TakeDueAsync(string webhook, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default);

    /// <summary>Deletes the alerts delivered before <paramref name="before"/> (they are never sent again either way); returns how many.</summary>
    ValueTask<int> PruneDeliveredAsync(DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>Makes every alert kept as failed pending again, due at <paramref name="now"/> with its tries reset; returns how many.</summary>
    ValueTask<int> RetryFailedAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records that <paramref name="alert"/> was delivered: it is never sent again. False when its lease was lost.</summary>
    ValueTask<bool> MarkDeliveredAsync(PendingAlert alert, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a failed try of <paramref name="alert"/>: tried again at <paramref name="nextAt"/>, or, when
    /// <paramref name="giveUp"/>, kept as failed with <paramref name="error"/> and not tried again.
    /// False when its lease was lost.
    /// </summary>
    ValueTask<bool> MarkFailedAsync(PendingAlert alert, string error, DateTimeOffset nextAt, bool giveUp, CancellationToken cancellationToken = default);

    /// <summary>Counts of alerts by state, for status pages.</summary>
    ValueTask<AlertOutboxStatus> StatusAsync(CancellationToken cancellationToken = default);
}

/// <summary>An alert to deliver.</summary>
/// <param name="Id">The outbox row.</param>
/// <param name="EventId">The audit event it reports (receivers may use it to drop a duplicate).</param>
/// <param name="Webhook">The webhook's name in the policy.</param>
/// <param name="Body">The JSON body, fixed when the alert was queued.</param>
/// <param name="Attempts">Tries so far.</param>
/// <param name="LeaseToken">The lease this dispatcher holds on the row.</param>
public sealed record PendingAlert(long Id, string EventId, string Webhook, byte[] Body, int Attempts, string LeaseToken);

/// <summary>How many alerts wait, were delivered, or were given up.</summary>
/// <param name="Pending">Not delivered yet, still tried.</param>
/// <param name="Delivered">Delivered.</param>
/// <param name="Failed">Given up after every try failed.</param>
/// <param name="LastError">The newest failure's message, if any.</param>
public sealed record AlertOutboxStatus(long Pending, long Delivered, long Failed, string? LastError);
