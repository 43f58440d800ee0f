using System.Text.Json;

namespace Warden.Resilience.Checkpoints;

/// <summary>
/// A session's state at one moment, enough to restore it after a crash: who owns it, its counters and
/// labels, its last action, the caller's context snapshot and its recovery plan, with a SHA-256 over
/// all of it (<see cref="CheckpointSerializer"/>) that is checked when it is loaded.
/// </summary>
public sealed record Checkpoint
{
    /// <summary>The session.</summary>
    public required string SessionId { get; init; }

    /// <summary>The agent that owns it.</summary>
    public required string AgentId { get; init; }

    /// <summary>1 for the session's first checkpoint, then one more each time.</summary>
    public required long Sequence { get; init; }

    /// <summary>When it was taken.</summary>
    public required DateTimeOffset TakenAt { get; init; }

    /// <summary>When the session began.</summary>
    public required DateTimeOffset SessionStartedAt { get; init; }

    /// <summary>How many times the session's turns were reset.</summary>
    public int Epoch { get; init; }

    /// <summary>User turns so far (in this epoch).</summary>
    public required int Turns { get; init; }

    /// <summary>Tool calls so far.</summary>
    public required int ToolCalls { get; init; }

    /// <summary>The session's data-flow labels, sorted.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>The last action, or null for a checkpoint taken on the timer before any call.</summary>
    public CheckpointAction? LastAction { get; init; }

    /// <summary>The caller's opaque context (e.g. the agent's conversation), or null.</summary>
    public JsonElement? Context { get; init; }

    /// <summary>What to do on the next failure.</summary>
    public required RecoveryPlan Plan { get; init; }

    /// <summary>SHA-256 (hex) of the canonical serialisation of everything above.</summary>
    public required string StateHash { get; init; }
}
