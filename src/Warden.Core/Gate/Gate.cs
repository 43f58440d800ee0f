using Warden.Auditing;
using Warden.Policies;
using Warden.Sessions;
using Warden.Stages.InputInspection;

namespace Warden;

/// <summary>
/// The pipeline every agent action passes through. Stages run in order; the first that does not allow
/// stops the call (in shadow mode it is recorded and the call goes on); every call is audited, and if
/// the audit store fails the gate withholds the answer. Build one with <see cref="GateBuilder"/>.
/// </summary>
public sealed partial class Gate
{
    private readonly GateStage[] _stages;
    private readonly IPolicySource _policy;
    private readonly InputSanitizer _sanitizer;
    private readonly TimeProvider _time;

    internal Gate(GateStage[] stages, IPolicySource policy, ISessionStore sessions, IAuditStore audit, TimeProvider timeProvider, Resilience.Checkpoints.ICheckpointStore? checkpoints = null)
    {
        Checkpoints = checkpoints;
        _stages = stages;
        _policy = policy;
        Sessions = sessions;
        Audit = audit;
        _time = timeProvider;
        _sanitizer = stages.OfType<InputInspectionStage>().FirstOrDefault()?.Sanitizer ?? new InputSanitizer(new InputInspectionOptions());
    }

    /// <summary>The stages, in order.</summary>
    public IReadOnlyList<GateStage> Stages => _stages;

    /// <summary>The session store.</summary>
    public ISessionStore Sessions { get; }

    /// <summary>The audit store.</summary>
    public IAuditStore Audit { get; }

    /// <summary>Per-agent figures (also published as OpenTelemetry metrics).</summary>
    public Resilience.Metrics.GateMetrics Metrics { get; } = new();

    /// <summary>The checkpoint store sessions are restored from, or null.</summary>
    public Resilience.Checkpoints.ICheckpointStore? Checkpoints { get; }

    /// <summary>Decides on <paramref name="call"/>, runs the tool when every stage allows, and audits.</summary>
    public async ValueTask<GateResult> InvokeAsync(ToolCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (InvalidCall(call) is { } invalid)
        {
            return await AuditInvalidAsync(call, invalid).ConfigureAwait(false);
        }

        var policy = _policy.Current;
        var (session, refusal) = await ResolveSessionAsync(call.SessionId, call.Principal.AgentId, cancellationToken).ConfigureAwait(false);
        var context = new GateContext(call, session, policy, dryRun: false, _time);
        if (refusal is not null)
        {
            return await AuditAsync(context, new GateResult(refusal, "session", [new StageDecision("session", refusal)], null, [])).ConfigureAwait(false);
        }

        GateResult result;
        try
        {
            result = await RunStagesAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up mid-call: what the stages took is still released and recorded.
            var cancelled = Decision.Deny("call.cancelled", "the caller cancelled the call before the gate answered");
            var stage = context.EvaluatedCount > 0 ? _stages[context.EvaluatedCount - 1].Name : "call";
            var partial = new GateResult(cancelled, stage, [new StageDecision(stage, cancelled)], context.Outcome, context.Findings);
            await AuditAsync(context, await CompleteStagesAsync(context, partial).ConfigureAwait(false)).ConfigureAwait(false);
            throw;
        }

        result = await CompleteStagesAsync(context, result).ConfigureAwait(false);
        result = await AuditAsync(context, result).ConfigureAwait(false);
        Metrics.RecordCall(call.Principal.AgentId, call.Tool, result.Decision, result.Outcome);
        return result;
    }

    /// <summary>Gives every evaluated stage, the last first, its completion hook; a refusal from one withholds the answer.</summary>
    private async ValueTask<GateResult> CompleteStagesAsync(GateContext context, GateResult result)
    {
        for (var i = context.EvaluatedCount - 1; i >= 0; i--)
        {
            var stage = _stages[i];
            Decision? refusal;
            try
            {
                // Never cancelled: what ran is recorded even when the caller gave up.
                refusal = await stage.OnCompletedAsync(context, result, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                refusal = Decision.Deny($"{stage.Name}.failed", $"stage '{stage.Name}' could not record the call ({e.GetType().Name}); the answer is withheld (fail closed)");
            }

            if (refusal is not null)
            {
                result = result with { Decision = refusal, Stage = stage.Name, Outcome = null, Trail = [.. result.Trail, new StageDecision(stage.Name, refusal)] };
            }
        }

        return result;
    }

    /// <summary>
    /// Decides on <paramref name="call"/> as if its session carried <paramref name="assumedLabels"/>, without
    /// running the tool, touching any stored session or recording anything.
    /// </summary>
    public ValueTask<GateResult> ExplainAsync(ToolCall call, IReadOnlyCollection<string>? assumedLabels = null, CancellationToken cancellationToken = default) =>
        ExplainAsync(call, assumedLabels, assumedToolCalls: 0, cancellationToken);

    /// <summary>
    /// Decides on <paramref name="call"/> as if its session carried <paramref name="assumedLabels"/> and had
    /// made <paramref name="assumedToolCalls"/> tool calls (its budget), without running the tool,
    /// touching any stored session or recording anything.
    /// </summary>
    public async ValueTask<GateResult> ExplainAsync(ToolCall call, IReadOnlyCollection<string>? assumedLabels, int assumedToolCalls, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentOutOfRangeException.ThrowIfNegative(assumedToolCalls);
        if (InvalidCall(call) is { } invalid)
        {
            return new GateResult(invalid, "call", [new StageDecision("call", invalid)], null, []);
        }

        var session = new Session(call.SessionId, call.Principal.AgentId, _time.GetUtcNow());
        session.AddLabels(assumedLabels ?? []);
        session.AssumeToolCalls(assumedToolCalls);
        var context = new GateContext(call, session, _policy.Current, dryRun: true, _time);
        return await RunStagesAsync(context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A refusal when the call lacks a tool name, a session id or an agent id; else null.</summary>
    private static Decision? InvalidCall(ToolCall call) =>
        string.IsNullOrEmpty(call.Tool) || string.IsNullOrEmpty(call.SessionId) || string.IsNullOrEmpty(call.Principal?.AgentId)
            ? Decision.Deny("call.invalid", "the call needs a tool name, a session id and an agent id")
            : null;

    private async ValueTask<GateResult> RunStagesAsync(GateContext context, CancellationToken cancellationToken)
    {
        var trail = new List<StageDecision>(_stages.Length + 1);
        if (context.Session.AgentId != context.Principal.AgentId)
        {
            var refusal = Decision.Deny("session.owner", $"session '{context.Session.Id}' belongs to another agent");
            trail.Add(new StageDecision("session", refusal));
            return new GateResult(refusal, "session", trail, null, context.Findings);
        }

        Decision? shadowed = null;
        string? shadowStage = null;
        foreach (var stage in _stages)
        {
            context.EvaluatedCount++;
            if (context.DryRun && stage.HasSideEffects)
            {
                trail.Add(new StageDecision(stage.Name, Decision.Allowed("explain", "not run: the gate is only explaining")));
                continue;
            }

            var decision = await EvaluateFailClosedAsync(stage, context, cancellationToken).ConfigureAwait(false);
            if (decision.Kind == DecisionKind.RequireApproval && Approvals is not null && !context.DryRun && context.Policy.Mode != PolicyMode.Shadow)
            {
                decision = await ResolveApprovalFailClosedAsync(context, decision, cancellationToken).ConfigureAwait(false);
            }

            trail.Add(new StageDecision(stage.Name, decision));
            if (decision.IsAllowed)
            {
                continue;
            }

            if (context.Policy.Mode == PolicyMode.Shadow && !stage.HasSideEffects)
            {
                shadowed ??= decision;
                shadowStage ??= stage.Name;
                continue;
            }

            return new GateResult(decision, stage.Name, trail, context.Outcome, context.Findings, shadowed);
        }

        // Every stage allowed: the decision in force is the grant (authorization's rule), if that stage ran.
        var grant = trail.Find(s => s.Stage == global::Warden.Stages.Authorization.AuthorizationStage.StageName && s.Decision.IsAllowed)?.Decision ?? Decision.Allow;
        return new GateResult(grant, shadowStage, trail, context.Outcome, context.Findings, shadowed);
    }

    private static async ValueTask<Decision> EvaluateFailClosedAsync(GateStage stage, GateContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await stage.EvaluateAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            return Decision.Deny($"{stage.Name}.failed", $"stage '{stage.Name}' failed ({e.GetType().Name}); the call is denied (fail closed)");
        }
    }
}
