namespace Warden;

/// <summary>
/// One step of the gate. A stage looks at the <see cref="GateContext"/> and returns a decision as a
/// value; it does not throw for an expected outcome. A stage that throws is treated as a denial
/// (fail closed). Add your own by deriving from this class and calling <see cref="GateBuilder.AddStage"/>.
/// </summary>
public abstract class GateStage
{
    /// <summary>The stage's name in decisions and audit events, e.g. <c>authorization</c>.</summary>
    public abstract string Name { get; }

    /// <summary>True for a stage with side effects (running the tool); such a stage is skipped when the gate only explains.</summary>
    public virtual bool HasSideEffects => false;

    /// <summary>Decides on the call in <paramref name="context"/>.</summary>
    public abstract ValueTask<Decision> EvaluateAsync(GateContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Called once the gate has decided (and maybe run the tool), for every stage that was evaluated,
    /// the last first, before the call is audited and answered: to record the outcome, release what
    /// the stage took, or make state durable. Return a refusal to withhold the answer (fail closed,
    /// e.g. when the state could not be stored); null leaves the result as it is.
    /// </summary>
    public virtual ValueTask<Decision?> OnCompletedAsync(GateContext context, GateResult result, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Decision?>(null);
}
