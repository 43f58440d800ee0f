using Warden.Auditing;
using Warden.Tools;

namespace Warden;

/// <summary>Recording what the gate decided.</summary>
public sealed partial class Gate
{
    private static readonly string[] ViolationStages = ["call", "session", "argument-sanitation", "input-inspection", "authorization", "data-flow"];

    private async ValueTask<GateResult> AuditAsync(GateContext context, GateResult result)
    {
        AuditEvent auditEvent;
        try
        {
            auditEvent = MakeEvent(context, result);
        }
        catch (Exception e)
        {
            return Withhold(result, e);
        }

        return await AppendFailClosedAsync(auditEvent, result).ConfigureAwait(false);
    }

    private async ValueTask<GateResult> AuditInvalidAsync(ToolCall call, Decision refusal)
    {
        var result = new GateResult(refusal, "call", [new StageDecision("call", refusal)], null, []);
        var auditEvent = new AuditEvent
        {
            Id = NewEventId(),
            Timestamp = _time.GetUtcNow(),
            Type = AuditEventType.SecurityViolation,
            AgentId = call.Principal?.AgentId ?? string.Empty,
            SessionId = call.SessionId ?? string.Empty,
            Tool = call.Tool,
            Decision = refusal.Kind,
            Stage = "call",
            Rule = refusal.Rule,
            Reason = refusal.Reason,
        };
        return await AppendFailClosedAsync(auditEvent, result).ConfigureAwait(false);
    }

    private AuditEvent MakeEvent(GateContext context, GateResult result)
    {
        var recorded = result.ShadowDecision ?? result.Decision;
        return new AuditEvent
        {
            Id = NewEventId(),
            Timestamp = _time.GetUtcNow(),
            Type = Classify(recorded, result.Stage, result.Outcome),
            AgentId = context.Principal.AgentId,
            SessionId = context.Session.Id,
            Tool = context.Call.Tool,
            Decision = recorded.Kind,
            Stage = result.Stage,
            Rule = recorded.Rule,
            Reason = result.Trail.Any(s => s.Decision.Rule == global::Warden.Stages.Execution.ExecutionStage.ReplayedRule)
                ? $"{recorded.Reason}; {LedgerAnswerNote}: the call already ran, and the tool did not run again"
                : recorded.Reason,
            Shadow = result.ShadowDecision is not null,
            ApprovalId = UsedApproval(result),
            ToolStatus = result.Outcome?.Status,
            MaskedArguments = SecretMasker.MaskToUtf8(context.Call.Arguments, Audit.Digest),
            Findings = result.Findings,
        };
    }

    /// <summary>What the reason of a call answered from the side-effect ledger says (the tool did not run).</summary>
    internal const string LedgerAnswerNote = "answered from the side-effect ledger";

    /// <summary>The approval the call went through on: the grant that replaced a hold, whose rule names it (<c>approvals.ID</c>).</summary>
    private static string? UsedApproval(GateResult result) =>
        result.Trail.FirstOrDefault(s => s.Decision.IsAllowed && s.Decision.Rule.StartsWith("approvals.", StringComparison.Ordinal))
            ?.Decision.Rule["approvals.".Length..];

    private async ValueTask<GateResult> AppendFailClosedAsync(AuditEvent auditEvent, GateResult result) =>
        await TryAppendAsync(auditEvent).ConfigureAwait(false) is { } failure ? Withhold(result, failure) : result;

    /// <summary>
    /// Records <paramref name="auditEvent"/>; the failure, if any, is returned for the caller to fail
    /// closed. Never cancelled: what was decided, and maybe run, is recorded even when the caller gave up.
    /// </summary>
    private async ValueTask<Exception?> TryAppendAsync(AuditEvent auditEvent)
    {
        try
        {
            await Audit.AppendAsync(auditEvent, CancellationToken.None).ConfigureAwait(false);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>The refusal given when an event could not be recorded; <paramref name="what"/> names what is withheld.</summary>
    private static Decision AuditUnavailable(Exception failure, string what) =>
        Decision.Deny("audit.unavailable", $"the {what} could not be audited ({failure.GetType().Name}); it is withheld (fail closed)");

    private static GateResult Withhold(GateResult result, Exception failure) =>
        result with { Decision = AuditUnavailable(failure, "call"), Stage = "audit", Outcome = null };

    private string NewEventId() => Guid.CreateVersion7(_time.GetUtcNow()).ToString("N");

    private static AuditEventType Classify(Decision decision, string? stage, ToolOutcome? outcome) => decision.Kind switch
    {
        DecisionKind.RequireApproval => AuditEventType.Approval,
        DecisionKind.Deny when stage is not null && ViolationStages.Contains(stage) => AuditEventType.SecurityViolation,
        DecisionKind.Deny => AuditEventType.Error,
        DecisionKind.Allow when outcome is { Status: not ToolStatus.Succeeded } => AuditEventType.Error,
        _ => AuditEventType.ToolCall,
    };
}
