using Warden.Sessions;

namespace Warden.Resilience.Checkpoints;

/// <summary>How a session's recovery went.</summary>
public enum RecoveryStatus
{
    /// <summary>The session was restored from its checkpoint.</summary>
    Restored,

    /// <summary>The session was already held in memory.</summary>
    InMemory,

    /// <summary>No checkpoint of the session exists.</summary>
    NotFound,

    /// <summary>The checkpoint does not match its state hash (audited); nothing was restored.</summary>
    Corrupt,
}

/// <summary>What <see cref="Gate.RecoverSessionAsync"/> did.</summary>
/// <param name="Status">How it went.</param>
/// <param name="Session">The session, when restored or held.</param>
/// <param name="Checkpoint">The checkpoint read, if any.</param>
/// <param name="Detail">A sentence for people.</param>
public sealed record RecoveryResult(RecoveryStatus Status, Session? Session, Checkpoint? Checkpoint, string Detail);
