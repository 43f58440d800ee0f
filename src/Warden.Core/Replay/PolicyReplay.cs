using System.Text.Json;
using Warden.Auditing;
using Warden.Policies;
using Warden.Stages.OutputInspection;
using Warden.Tools;

namespace Warden.Replay;

/// <summary>
/// Decides the calls an audit log recorded again under a candidate policy, without running anything
/// (<see cref="Gate.ExplainAsync(ToolCall, IReadOnlyCollection{string}?, int, CancellationToken)"/>), and reports the decisions that would change. Each session is
/// replayed in order: the labels it would carry come from the candidate's bindings of the calls it
/// would have let run, and from what inspecting their results found (<c>injected</c> for an
/// injection in a result, <c>private</c> for a secret in one, as the gate labels them). A call that
/// went through on a person's approval matches a candidate that holds it for approval. The
/// candidate's decision is the one it makes, enforced or not (shadow mode), as the gate records it.
/// </summary>
/// <remarks>
/// What a replay does not reproduce, and says so in its report where it can: arguments are masked in
/// the log, so a schema check on a masked value may decide differently; the circuit breakers and rate
/// limits are not replayed (their refusals are the runtime's, not the policy's); the agent's role comes
/// from the candidate's agents (a role carried by a JWT is not in the log). A session's tool-call
/// budget is: each call the candidate lets run counts against it, as in the gate, when it reaches
/// the tool (not when the runtime stopped it first or the side-effect ledger answered it; a candidate
/// that changes a tool's <c>idempotent</c> setting would change which repeats the ledger answers, and
/// that is not replayed).
/// </remarks>
public static class PolicyReplay
{
    private static readonly HashSet<string> RuntimeStages = new(StringComparer.Ordinal) { "circuit-breaker", "execution", "output-inspection", "checkpoint", "audit" };

    /// <summary>Replays <paramref name="events"/> (oldest first) under <paramref name="candidate"/>.</summary>
    /// <param name="events">The log, oldest first, from its beginning: sessions are rebuilt from their first call.</param>
    /// <param name="candidate">The policy to decide under.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="reportFrom">Changes are reported for calls from this time on (all when null); earlier calls only rebuild their sessions.</param>
    /// <param name="cancellationToken">Stops the replay.</param>
    public static async Task<ReplayReport> ReplayAsync(IAsyncEnumerable<AuditEvent> events, Policy candidate, TimeProvider? timeProvider = null, DateTimeOffset? reportFrom = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(candidate);
        var gate = GateBuilder.CreateDefault(new StaticPolicySource(candidate), ToolCatalog.Empty, timeProvider).Build();
        var labels = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var toolCalls = new Dictionary<string, int>(StringComparer.Ordinal);
        var changes = new List<ReplayChange>();
        var replayed = 0;
        var refusedBeforeThePolicy = 0;
        await foreach (var recorded in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (!IsCall(recorded))
            {
                continue;
            }

            var reported = reportFrom is null || recorded.Timestamp >= reportFrom;
            if (recorded.Stage is "call" or "session")
            {
                refusedBeforeThePolicy += reported ? 1 : 0; // a malformed call or another agent's session: no policy decides it
                continue;
            }

            replayed += reported ? 1 : 0;
            var sessionLabels = labels.TryGetValue(recorded.SessionId, out var known) ? known : labels[recorded.SessionId] = new HashSet<string>(StringComparer.Ordinal);
            var arguments = recorded.Arguments ?? JsonSerializer.SerializeToElement(new Dictionary<string, object>());
            var call = new ToolCall(recorded.Tool!, arguments, recorded.SessionId, new Principal(recorded.AgentId));
            var made = toolCalls.GetValueOrDefault(recorded.SessionId);
            var result = await gate.ExplainAsync(call, sessionLabels, made, cancellationToken).ConfigureAwait(false);
            var decided = result.ShadowDecision ?? result.Decision; // what the gate records

            // A refusal of the runtime (an open circuit, a failed tool) is not the policy's to change:
            // it counts as a change only when the candidate refuses the call for a reason of its own.
            // A call a person approved was held by the policy it ran under: a candidate that holds it too agrees.
            var sameAsRecorded = decided.Kind == recorded.Decision
                || (decided.IsAllowed && RuntimeStages.Contains(recorded.Stage ?? string.Empty))
                || (decided.Kind == DecisionKind.RequireApproval && recorded.ApprovalId is not null);
            if (!sameAsRecorded && reported)
            {
                changes.Add(new ReplayChange(recorded.Id, recorded.Timestamp, recorded.AgentId, recorded.SessionId, recorded.Tool!, recorded.Decision, recorded.Rule, decided.Kind, decided.Rule, decided.Reason));
            }

            // What the session would carry next: the candidate's labels of a call it lets run (or that
            // ran on an approval it would ask for too) and that ran, and what its result showed.
            var wouldRun = result.Decision.IsAllowed || (result.Decision.Kind == DecisionKind.RequireApproval && recorded.ApprovalId is not null);
            // Counted against the session's budget as the gate counts it: when the call goes to the tool.
            // A call the runtime stopped before the tool (an open circuit, no sandbox) or answered from
            // the side-effect ledger did not get there, and would not under the candidate either.
            var reachedTool = recorded.ToolStatus is not null || !RuntimeStages.Contains(recorded.Stage ?? string.Empty);
            var fromLedger = recorded.Reason.Contains(Gate.LedgerAnswerNote, StringComparison.Ordinal);
            if (wouldRun && reachedTool && !fromLedger)
            {
                toolCalls[recorded.SessionId] = made + 1;
            }

            if (wouldRun && recorded.ToolStatus is not null)
            {
                if (candidate.Tools.TryGetValue(recorded.Tool!, out var binding))
                {
                    sessionLabels.UnionWith(binding.Labels);
                }

                sessionLabels.UnionWith(ResultLabels(recorded.Findings));
            }
        }

        return new ReplayReport(replayed, changes) { RefusedBeforeThePolicy = refusedBeforeThePolicy };
    }

    /// <summary>The labels the gate's inspection of a result gives a session for <paramref name="findings"/>.</summary>
    private static IEnumerable<string> ResultLabels(IReadOnlyList<Finding> findings)
    {
        foreach (var finding in findings)
        {
            if (finding.Kind == "indirect-injection")
            {
                yield return OutputInspectionOptions.DefaultInjectionLabel;
            }
            else if (finding.Kind == "secret" && finding.Location == "result")
            {
                yield return OutputInspectionOptions.DefaultSecretLabel;
            }
        }
    }

    /// <summary>
    /// True for a recorded decision on an agent's tool call, a held one included (not a prompt, a
    /// person's decision on an approval, its expiry or revocation, a policy change or an anomaly).
    /// </summary>
    private static bool IsCall(AuditEvent recorded) =>
        recorded.Tool is not null
        && recorded.Type is AuditEventType.ToolCall or AuditEventType.SecurityViolation or AuditEventType.Error or AuditEventType.Approval
        && recorded.Stage is not ("anomaly" or "policy")
        && !recorded.Rule.StartsWith("approvals.", StringComparison.Ordinal);
}

/// <summary>What a replay found.</summary>
/// <param name="Replayed">Recorded calls decided again.</param>
/// <param name="Changes">Those whose decision would differ, oldest first.</param>
public sealed record ReplayReport(int Replayed, IReadOnlyList<ReplayChange> Changes)
{
    /// <summary>Recorded calls not decided again: refused before any policy rule (malformed, or another agent's session).</summary>
    public int RefusedBeforeThePolicy { get; init; }
}

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
