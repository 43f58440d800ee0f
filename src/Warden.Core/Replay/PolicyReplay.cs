using System.Text.Json;
using Warden.Auditing;
using Warden.Policies;
using Warden.Tools;

namespace Warden.Replay;

/// <summary>
/// Decides the calls an audit log recorded again under a candidate policy, without running anything
/// (<see cref="Gate.ExplainAsync"/>), and reports the decisions that would change. Each session is
/// replayed in order: the labels it would carry come from the candidate's bindings of the calls it
/// would have allowed (and <c>injected</c> where a call that ran had a finding). The log keeps
/// arguments masked, so a schema check on a masked value may decide differently than on the original.
/// </summary>
public static class PolicyReplay
{
    private static readonly HashSet<string> RuntimeStages = new(StringComparer.Ordinal) { "circuit-breaker", "execution", "output-inspection", "checkpoint", "audit" };

    /// <summary>Replays <paramref name="events"/> (oldest first) under <paramref name="candidate"/>.</summary>
    public static async Task<ReplayReport> ReplayAsync(IAsyncEnumerable<AuditEvent> events, Policy candidate, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(candidate);
        var gate = GateBuilder.CreateDefault(new StaticPolicySource(candidate), ToolCatalog.Empty, timeProvider).Build();
        var labels = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var changes = new List<ReplayChange>();
        var replayed = 0;
        await foreach (var recorded in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (!IsCall(recorded))
            {
                continue;
            }

            replayed++;
            var sessionLabels = labels.TryGetValue(recorded.SessionId, out var known) ? known : labels[recorded.SessionId] = new HashSet<string>(StringComparer.Ordinal);
            var arguments = recorded.Arguments ?? JsonSerializer.SerializeToElement(new Dictionary<string, object>());
            var call = new ToolCall(recorded.Tool!, arguments, recorded.SessionId, new Principal(recorded.AgentId));
            var decided = (await gate.ExplainAsync(call, sessionLabels, cancellationToken).ConfigureAwait(false)).Decision;

            // A refusal of the runtime (an open circuit, a failed tool) is not the policy's to change:
            // it counts as a change only when the candidate refuses the call for a reason of its own.
            var sameAsRecorded = decided.Kind == recorded.Decision || (decided.IsAllowed && RuntimeStages.Contains(recorded.Stage ?? string.Empty));
            if (!sameAsRecorded)
            {
                changes.Add(new ReplayChange(recorded.Id, recorded.Timestamp, recorded.AgentId, recorded.SessionId, recorded.Tool!, recorded.Decision, recorded.Rule, decided.Kind, decided.Rule, decided.Reason));
            }

            // What the session would carry next: the candidate's labels of a call it allows and that ran.
            if (decided.IsAllowed && recorded.ToolStatus is not null)
            {
                if (candidate.Tools.TryGetValue(recorded.Tool!, out var binding))
                {
                    sessionLabels.UnionWith(binding.Labels);
                }

                if (recorded.Findings.Count > 0)
                {
                    sessionLabels.Add("injected");
                }
            }
        }

        return new ReplayReport(replayed, changes);
    }

    /// <summary>True for a recorded decision on a tool call (not a prompt, an approval decision, a policy change or an anomaly).</summary>
    private static bool IsCall(AuditEvent recorded) =>
        recorded.Tool is not null
        && recorded.Type is AuditEventType.ToolCall or AuditEventType.SecurityViolation or AuditEventType.Error or AuditEventType.Approval
        && recorded.Stage is not ("approval" or "anomaly" or "policy" or "call" or "session")
        && !recorded.Rule.StartsWith("approvals.", StringComparison.Ordinal);
}

/// <summary>What a replay found.</summary>
/// <param name="Replayed">Recorded calls decided again.</param>
/// <param name="Changes">Those whose decision would differ, oldest first.</param>
public sealed record ReplayReport(int Replayed, IReadOnlyList<ReplayChange> Changes);

/// <summary>One recorded call whose decision the candidate policy would change.</summary>
/// <param name="EventId">The audit event.</param>
/// <param name="At">When it was decided.</param>
/// <param name="AgentId">The agent.</param>
/// <param name="SessionId">Its session.</param>
/// <param name="Tool">The tool.</param>
/// <param name="Was">The recorded decision.</param>
/// <param name="WasRule">Its rule.</param>
/// <param name="Would">The candidate's decision.</param>
/// <param name="WouldRule">Its rule.</param>
/// <param name="WouldReason">Its reason.</param>
public sealed record ReplayChange(string EventId, DateTimeOffset At, string AgentId, string SessionId, string Tool, DecisionKind Was, string WasRule, DecisionKind Would, string WouldRule, string WouldReason);
