namespace Warden.Tests.Support;

/// <summary>A custom stage that logs that it ran and returns a fixed decision, or throws.</summary>
internal sealed class RecordingStage(string name, List<string> log, Decision? decision = null, Exception? failure = null) : GateStage
{
    public override string Name => name;

    public override ValueTask<Decision> EvaluateAsync(GateContext context, CancellationToken cancellationToken)
    {
        log.Add(name);
        if (failure is not null)
        {
            throw failure;
        }

        return ValueTask.FromResult(decision ?? Decision.Allowed(name, "custom stage allows"));
    }
}
