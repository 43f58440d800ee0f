using System.Collections.Concurrent;
using Warden.Tools;

namespace Warden.Resilience.Ledger;

/// <summary>A ledger held in this process only.</summary>
public sealed class InMemorySideEffectLedger : ISideEffectLedger
{
    private readonly ConcurrentDictionary<string, LedgerEntry> _entries = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<LedgerEntry?> FindAsync(string key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_entries.GetValueOrDefault(key));

    /// <inheritdoc />
    public ValueTask<bool> TryBeginAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return ValueTask.FromResult(_entries.TryAdd(entry.Key, entry with { Outcome = null }));
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(string key, ToolOutcome outcome, CancellationToken cancellationToken = default)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            throw new InvalidOperationException($"no ledger entry '{key}' was started");
        }

        _entries[key] = entry with { Outcome = outcome };
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> ForgetUnfinishedAsync(string key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_entries.TryGetValue(key, out var entry) && entry.Outcome is null && _entries.TryRemove(new KeyValuePair<string, LedgerEntry>(key, entry)));
}
