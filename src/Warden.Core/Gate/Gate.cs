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

    internal Gate(GateStage[] stages, IPolicySource policy, ISessionStore sessions, IAuditStore audit, TimeProvider timeProvider)
    {
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

    /// <summary>Decides on <paramref name="call"/>, runs the tool when every stage allows, and audits.</summary>
    public async ValueTask<GateResult> InvokeAsync(ToolCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (InvalidCall(call) is { } invalid)
        {
            return await AuditInvalidAsync(call, invalid).ConfigureAwait(false);
        }

        var policy = _policy.Current;
        var session = Sessions.GetOrCreate(call.SessionId, call.Principal.AgentId);
        var context = new GateContext(call, session, policy, dryRun: false, _time);
        var result = await RunStagesAsync(context, cancellationToken).ConfigureAwait(false);
        return await AuditAsync(context, result).ConfigureAwait(false);
    }

    /// <summary>
    /// Decides on <paramref name="call"/> as if its session carried <paramref name="assumedLabels"/>, without
    /// running the tool, touching any stored session or recording anything.
    /// </summary>
    public async ValueTask<GateResult> ExplainAsync(ToolCall call, IReadOnlyCollection<string>? assumedLabels = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (InvalidCall(call) is { } invalid)
        {
            return new GateResult(invalid, "call", [new StageDecision("call", invalid)], null, []);
        }

        var session = new Session(call.SessionId, call.Principal.AgentId, _time.GetUtcNow());
        session.AddLabels(assumedLabels ?? []);
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
            if (context.DryRun && stage.HasSideEffects)
            {
                trail.Add(new StageDecision(stage.Name, Decision.Allowed("explain", "not run: the gate is only explaining")));
                continue;
            }

            var decision = await EvaluateFailClosedAsync(stage, context, cancellationToken).ConfigureAwait(false);
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
