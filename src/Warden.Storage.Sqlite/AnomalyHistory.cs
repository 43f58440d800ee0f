using Warden.Auditing;
using Warden.Auditing.Anomalies;

namespace Warden.Storage.Sqlite;

/// <summary>Gives an <see cref="AnomalyDetector"/> the agents' recent history from the audit log on start, so baselines survive a restart.</summary>
public static class AnomalyHistory
{
    /// <summary>How far back a start reads by default: 7 days.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(7);

    /// <summary>Has <paramref name="detector"/> learn every event of <paramref name="store"/> since <paramref name="since"/>, oldest first; returns how many.</summary>
    public static async Task<long> LearnAsync(AnomalyDetector detector, SqliteAuditStore store, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(store);
        var count = 0L;
        var batch = new List<AuditEvent>(1024);
        await foreach (var auditEvent in store.ExportAsync(new AuditQuery { Since = since }, cancellationToken).ConfigureAwait(false))
        {
            batch.Add(auditEvent);
            if (batch.Count == batch.Capacity)
            {
                detector.Learn(batch);
                count += batch.Count;
                batch.Clear();
            }
        }

        detector.Learn(batch);
        return count + batch.Count;
    }
}
