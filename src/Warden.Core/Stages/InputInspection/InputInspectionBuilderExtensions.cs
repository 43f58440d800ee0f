using Warden.Stages.InputInspection;

namespace Warden;

/// <summary>Adds input inspection to a gate.</summary>
public static class InputInspectionBuilderExtensions
{
    /// <summary>Adds the input inspection stage; prompts given to <see cref="Gate.InspectInputAsync"/> use the same settings.</summary>
    public static GateBuilder AddInputInspection(this GateBuilder builder, InputInspectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStage(new InputInspectionStage(options ?? new InputInspectionOptions()));
    }
}
