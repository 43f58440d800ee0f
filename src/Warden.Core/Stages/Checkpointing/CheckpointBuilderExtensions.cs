using Warden.Resilience.Checkpoints;
using Warden.Stages.Checkpointing;

namespace Warden;

/// <summary>Adds checkpoints to a gate.</summary>
public static class CheckpointBuilderExtensions
{
    /// <summary>
    /// Adds the checkpoint stage over <paramref name="store"/> as the gate's first stage (so that its
    /// completion hook runs last), and lets the gate restore sessions from the store after a restart.
    /// </summary>
    public static GateBuilder AddCheckpoints(this GateBuilder builder, ICheckpointStore store)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(store);
        builder.Checkpoints = store;
        return builder.Stages.Count == 0
            ? builder.AddStage(new CheckpointStage(store))
            : builder.AddStageBefore(builder.Stages[0].Name, new CheckpointStage(store));
    }
}
