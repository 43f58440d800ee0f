using Warden.Resilience.Breakers;
using Warden.Resilience.Checkpoints;
using Warden.Resilience.Ledger;

namespace Warden.Resilience;

/// <summary>
/// Where the gate keeps what must survive a crash: circuit states, checkpoints and the side-effect
/// ledger. In memory by default; the embedded SQLite store (<c>Warden.Storage.Sqlite</c>) makes them durable.
/// </summary>
public sealed record ResilienceStores
{
    /// <summary>Everything in this process only.</summary>
    public static ResilienceStores InMemory() => new()
    {
        Breakers = new InMemoryBreakerStore(),
        Checkpoints = new InMemoryCheckpointStore(),
        Ledger = new InMemorySideEffectLedger(),
    };

    /// <summary>Circuit states.</summary>
    public required IBreakerStore Breakers { get; init; }

    /// <summary>Checkpoints.</summary>
    public required ICheckpointStore Checkpoints { get; init; }

    /// <summary>Where calls held for a person wait; null: a hold is final.</summary>
    public Approvals.IApprovalStore? Approvals { get; init; }

    /// <summary>The side-effect ledger.</summary>
    public required ISideEffectLedger Ledger { get; init; }
}
