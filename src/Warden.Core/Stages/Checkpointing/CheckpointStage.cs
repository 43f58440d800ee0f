using Warden.Json;
using Warden.Resilience.Checkpoints;
using Warden.Sessions;

namespace Warden.Stages.Checkpointing;

/// <summary>
/// Writes a checkpoint of the session after every call that ran a tool (or replayed one from the
/// ledger), durably, before the call's result is returned: when the store fails, the answer is
/// withheld (fail closed). It stands first in the gate so that its completion hook runs last, after
/// every other stage has changed the session.
/// </summary>
public sealed class CheckpointStage(ICheckpointStore store) : GateStage
{
    /// <summary>The stage's name.</summary>
    public const string StageName = "checkpoint";

    private static readonly Decision Noted = Decision.Allowed("checkpoint", "the session is checkpointed after the call");

    /// <summary>The checkpoint store.</summary>
    public ICheckpointStore Store { get; } = store ?? throw new ArgumentNullException(nameof(store));

    /// <inheritdoc />
    public override string Name => StageName;

    /// <inheritdoc />
    public override ValueTask<Decision> EvaluateAsync(GateContext context, CancellationToken cancellationToken) => ValueTask.FromResult(Noted);

    /// <inheritdoc />
    public override async ValueTask<Decision?> OnCompletedAsync(GateContext context, GateResult result, CancellationToken cancellationToken)
    {
        if (context.DryRun || context.Outcome is null)
        {
            return null;
        }

        var action = new CheckpointAction(
            context.Call.Tool,
            CanonicalJson.Sha256(context.Call.Arguments),
            DecisionNames.Of(result.Decision.Kind),
            result.Decision.Rule,
            OutcomeName(context.Outcome.Status),
            context.IdempotencyKey ?? string.Empty);
        try
        {
            await Store.AppendAsync(Take(context.Session, action, context.TimeProvider), cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Decision.Deny("checkpoint.unavailable", $"the session could not be checkpointed ({e.GetType().Name}); the result is withheld (fail closed)");
        }
    }

    /// <summary>A sealed checkpoint of <paramref name="session"/> as it stands now.</summary>
    public static Checkpoint Take(Session session, CheckpointAction? action, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var state = session.Snapshot();
        return CheckpointSerializer.Seal(new Checkpoint
        {
            SessionId = session.Id,
            AgentId = session.AgentId,
            Sequence = state.Sequence,
            TakenAt = timeProvider.GetUtcNow(),
            SessionStartedAt = session.StartedAt,
            Epoch = state.Epoch,
            Turns = state.Turns,
            ToolCalls = state.ToolCalls,
            Labels = state.Labels,
            LastAction = action,
            Context = state.Context,
            Plan = state.Plan,
            StateHash = string.Empty,
        });
    }

    /// <summary>The lower-case name of a tool status: succeeded, failed, timed-out, cancelled.</summary>
    public static string OutcomeName(Tools.ToolStatus status) => status switch
    {
        Tools.ToolStatus.Succeeded => "succeeded",
        Tools.ToolStatus.Failed => "failed",
        Tools.ToolStatus.TimedOut => "timed-out",
        _ => "cancelled",
    };
}
