namespace Warden.Resilience.Checkpoints;

/// <summary>The last action of a session: the tool call, what the gate decided and how the tool ran.</summary>
/// <param name="Tool">The tool called.</param>
/// <param name="ArgumentsHash">SHA-256 of the arguments' canonical JSON.</param>
/// <param name="Decision">allow, deny, require-approval or throttle.</param>
/// <param name="Rule">The rule that decided.</param>
/// <param name="Outcome">succeeded, failed, timed-out, cancelled, or null when the tool did not run.</param>
/// <param name="IdempotencyKey">The call's key in the side-effect ledger; empty when the ledger did not keep the call (an idempotent tool's).</param>
public sealed record CheckpointAction(string Tool, string ArgumentsHash, string Decision, string Rule, string? Outcome, string IdempotencyKey);
