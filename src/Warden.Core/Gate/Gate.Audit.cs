using Warden.Auditing;
using Warden.Tools;

namespace Warden;

/// <summary>Recording what the gate decided.</summary>
public sealed partial class Gate
{
    private static readonly string[] ViolationStages = ["call", "session", "argument-sanitation", "input-inspection", "authorization", "data-flow"];

    private async ValueTask<GateResult> AuditAsync(GateContext context, GateResult result, CancellationToken cancellationToken)
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

        // The record is written even when the caller has given up: what was decided (and maybe run) is never left out.
        return await AppendFailClosedAsync(auditEvent, result, CancellationToken.None).ConfigureAwait(false);
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
        return await AppendFailClosedAsync(auditEvent, result, CancellationToken.None).ConfigureAwait(false);
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
            Reason = recorded.Reason,
            Shadow = result.ShadowDecision is not null,
            ToolStatus = result.Outcome?.Status,
            MaskedArguments = SecretMasker.MaskToUtf8(context.Call.Arguments),
            Findings = result.Findings,
        };
    }

    private async ValueTask<GateResult> AppendFailClosedAsync(AuditEvent auditEvent, GateResult result, CancellationToken cancellationToken)
    {
        try
        {
            await Audit.AppendAsync(auditEvent, cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Withhold(result, e);
        }
    }

    private static GateResult Withhold(GateResult result, Exception e)
    {
        var refusal = Decision.Deny("audit.unavailable", $"the call could not be audited ({e.GetType().Name}); the answer is withheld (fail closed)");
        return result with { Decision = refusal, Stage = "audit", Outcome = null };
    }

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
