using Warden.Auditing;

namespace Warden;

/// <summary>The prompt path: a user's text arriving for an agent.</summary>
public sealed partial class Gate
{
    /// <summary>
    /// Sanitises and inspects a user prompt for <paramref name="principal"/>'s session, counts the turn
    /// against the agent's turn budget, and audits the result.
    /// </summary>
    public async ValueTask<InputResult> InspectInputAsync(Principal principal, string sessionId, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentException.ThrowIfNullOrEmpty(principal.AgentId);
        var policy = _policy.Current;
        var (session, refusal) = await ResolveSessionAsync(sessionId, principal.AgentId, cancellationToken).ConfigureAwait(false);
        InputResult result;
        if (refusal is not null)
        {
            result = new InputResult(refusal, string.Empty, [], null);
        }
        else if (session.AgentId != principal.AgentId)
        {
            result = new InputResult(Decision.Deny("session.owner", $"session '{sessionId}' belongs to another agent"), string.Empty, [], null);
        }
        else if (policy.ResolveRole(principal) is null)
        {
            result = new InputResult(Decision.Deny("agents.unknown", $"the policy names no agent '{principal.AgentId}' and sets no default_role"), string.Empty, [], null);
        }
        else
        {
            try
            {
                result = _sanitizer.Sanitize(text);
            }
            catch (Exception e)
            {
                result = new InputResult(Decision.Deny("input.failed", $"input inspection failed ({e.GetType().Name}); the input is refused (fail closed)"), string.Empty, [], null);
            }

            var turns = result.Decision.IsAllowed ? session.CountTurn() : session.Turns;
            if (result.Decision.IsAllowed)
            {
                Metrics.RecordTurn(principal.AgentId);
            }

            if (policy.Agents.TryGetValue(principal.AgentId, out var agent) && agent.Limits.TurnsPerSession is { } limit && turns > limit)
            {
                // The recovery plan past the turn limit: reset the session (its turns; labels and tool calls stay).
                session.Plan = new Resilience.Checkpoints.RecoveryPlan("reset", null, [], $"the session reached its limit of {limit} turns");
                result = result with
                {
                    Decision = Decision.Deny($"agents.{principal.AgentId}.limits.turns_per_session", $"session '{sessionId}' has reached {limit} turns; reset it (its labels stay) or start a new session"),
                    Text = string.Empty,
                };
            }
        }

        if (refusal is null && Checkpoints is not null && result.Decision.IsAllowed)
        {
            // The counted turn is durable before the prompt is answered: a crash must not give turns back.
            try
            {
                await Checkpoints.AppendAsync(global::Warden.Stages.Checkpointing.CheckpointStage.Take(session, null, _time), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                result = result with
                {
                    Decision = Decision.Deny("checkpoint.unavailable", $"the session could not be checkpointed ({e.GetType().Name}); the input is withheld (fail closed)"),
                    Text = string.Empty,
                };
            }
        }

        var auditEvent = new AuditEvent
        {
            Id = NewEventId(),
            Timestamp = _time.GetUtcNow(),
            Type = result.Decision.IsAllowed ? AuditEventType.UserInput : AuditEventType.SecurityViolation,
            AgentId = principal.AgentId,
            SessionId = sessionId,
            Decision = result.Decision.Kind,
            Stage = result.Decision.IsAllowed ? null : "input-inspection",
            Rule = result.Decision.Rule,
            Reason = result.Decision.Reason,
            Findings = result.Findings,
        };
        return await TryAppendAsync(auditEvent).ConfigureAwait(false) is { } failure
            ? result with { Decision = AuditUnavailable(failure, "input"), Text = string.Empty }
            : result;
    }
}
