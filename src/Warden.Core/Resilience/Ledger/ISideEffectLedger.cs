using Warden.Tools;

namespace Warden.Resilience.Ledger;

/// <summary>
/// The record of tool calls that ran, by idempotency key, so that a call repeated after a crash gets
/// the recorded result instead of running (and having its side effect) again. A started entry is
/// durable when <see cref="TryBeginAsync"/> returns (before the tool runs); a store may let a
/// completion reach the disk with its next durable write (the gate checkpoints the call right after),
/// since a completion lost to a power cut leaves the entry unfinished and the call refused, never repeated.
/// </summary>
public interface ISideEffectLedger
{
    /// <summary>The entry for <paramref name="key"/>, or null.</summary>
    ValueTask<LedgerEntry?> FindAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Records that the call is starting; false when the key is already there (another attempt started it).</summary>
    ValueTask<bool> TryBeginAsync(LedgerEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Records how the call ended.</summary>
    ValueTask CompleteAsync(string key, ToolOutcome outcome, CancellationToken cancellationToken = default);

    /// <summary>Forgets a started call that never completed (after a person decided it may run again).</summary>
    ValueTask<bool> ForgetUnfinishedAsync(string key, CancellationToken cancellationToken = default);
}
