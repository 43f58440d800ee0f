using Warden.Auditing;
using Warden.Resilience.Checkpoints;
using Warden.Sessions;
using Warden.Stages.Checkpointing;

namespace Warden;

/// <summary>Restoring sessions from their checkpoints after a restart, and resetting a session past its turn limit.</summary>
public sealed partial class Gate
{
    /// <summary>
    /// The session in memory; else, with a checkpoint store, the session as its newest checkpoint left
    /// it (its state hash checked: a mismatch is an audited error and the session is refused, never
    /// silently started afresh); else a new session.
    /// </summary>
    private async ValueTask<(Session Session, Decision? Refusal)> ResolveSessionAsync(string sessionId, string agentId, CancellationToken cancellationToken)
    {
        if (Sessions.Find(sessionId) is { } held)
        {
            return (held, null);
        }

        if (Checkpoints is not null)
        {
            var recovery = await RecoverSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
            if (recovery.Status == RecoveryStatus.Corrupt)
            {
                return (new Session(sessionId, agentId, _time.GetUtcNow()), Decision.Deny("checkpoint.corrupt", recovery.Detail));
            }

            if (recovery.Session is { } restored)
            {
                return (restored, null);
            }
        }

        return (Sessions.GetOrCreate(sessionId, agentId), null);
    }

    /// <summary>
    /// Restores <paramref name="sessionId"/> from its newest checkpoint: counters, labels, context and
    /// recovery plan. The state hash is checked first; a mismatch is audited as an error and reported,
    /// and nothing is restored.
    /// </summary>
    public async ValueTask<RecoveryResult> RecoverSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        if (Sessions.Find(sessionId) is { } held)
        {
            return new RecoveryResult(RecoveryStatus.InMemory, held, null, "the session is already held");
        }

        if (Checkpoints is null)
        {
            return new RecoveryResult(RecoveryStatus.NotFound, null, null, "this gate has no checkpoint store");
        }

        Checkpoint? checkpoint;
        string? problem = null;
        try
        {
            checkpoint = await Checkpoints.LatestAsync(sessionId, cancellationToken).ConfigureAwait(false);
            if (checkpoint is not null && CheckpointSerializer.ComputeHash(checkpoint) != checkpoint.StateHash)
            {
                problem = $"checkpoint {checkpoint.Sequence} of session '{sessionId}' does not match its state hash: it was changed or damaged after it was written";
            }
            else if (checkpoint is not null && checkpoint.SessionId != sessionId)
            {
                problem = $"the newest checkpoint stored for session '{sessionId}' is one of session '{checkpoint.SessionId}': it was moved after it was written";
            }
            else if (checkpoint is not null && (string.IsNullOrEmpty(checkpoint.AgentId) || checkpoint.Turns < 0 || checkpoint.ToolCalls < 0))
            {
                problem = $"checkpoint {checkpoint.Sequence} of session '{sessionId}' holds an impossible state";
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // Unreadable, or the store failed: either way the session is refused, never started afresh.
            checkpoint = null;
            problem = $"the newest checkpoint of session '{sessionId}' cannot be read ({e.GetType().Name}); the session is refused until it can be";
        }

        if (problem is not null)
        {
            await TryAppendAsync(new AuditEvent
            {
                Id = NewEventId(),
                Timestamp = _time.GetUtcNow(),
                Type = AuditEventType.Error,
                AgentId = checkpoint?.AgentId ?? string.Empty,
                SessionId = sessionId,
                Decision = DecisionKind.Deny,
                Stage = "recovery",
                Rule = "checkpoint.corrupt",
                Reason = problem,
            }).ConfigureAwait(false);
            return new RecoveryResult(RecoveryStatus.Corrupt, null, checkpoint, problem);
        }

        if (checkpoint is null)
        {
            return new RecoveryResult(RecoveryStatus.NotFound, null, null, $"no checkpoint of session '{sessionId}'");
        }

        var restored = Sessions.Restore(Session.Restore(checkpoint));
        return new RecoveryResult(RecoveryStatus.Restored, restored, checkpoint, $"restored from checkpoint {checkpoint.Sequence} taken at {checkpoint.TakenAt:O}");
    }

    /// <summary>
    /// The recovery plan past the turn limit: the session's turns start afresh and its context is
    /// cleared; its labels, tool calls and breakers stay (a reset must not launder what it has read).
    /// Checkpointed when the gate has a checkpoint store.
    /// </summary>
    public async ValueTask<Session?> ResetSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        if (Sessions.Find(sessionId) is not { } session)
        {
            return null;
        }

        session.ResetTurns(); // a new epoch: calls of the earlier turns are not replayed into the new ones
        session.Context = null;
        session.Plan = RecoveryPlan.None;
        if (Checkpoints is not null)
        {
            await Checkpoints.AppendAsync(CheckpointStage.Take(session, null, _time), cancellationToken).ConfigureAwait(false);
        }

        return session;
    }
}
