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
        var session = Sessions.GetOrCreate(sessionId, principal.AgentId);
        InputResult result;
        if (session.AgentId != principal.AgentId)
        {
            result = new InputResult(Decision.Deny("session.owner", $"session '{sessionId}' belongs to another agent"), string.Empty, [], null);
        }
        else if (policy.ResolveRole(principal.AgentId) is null)
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
            if (policy.Agents.TryGetValue(principal.AgentId, out var agent) && agent.Limits.TurnsPerSession is { } limit && turns > limit)
            {
                result = result with
                {
                    Decision = Decision.Deny($"agents.{principal.AgentId}.limits.turns_per_session", $"session '{sessionId}' has reached {limit} turns; start a new session"),
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
