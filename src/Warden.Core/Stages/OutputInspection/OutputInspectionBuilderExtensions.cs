using Warden.Stages.OutputInspection;

namespace Warden;

/// <summary>Adds the scan of tool results to a gate.</summary>
public static class OutputInspectionBuilderExtensions
{
    /// <summary>Adds the output inspection stage; it belongs after execution.</summary>
    public static GateBuilder AddOutputInspection(this GateBuilder builder, OutputInspectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStage(new OutputInspectionStage(options ?? new OutputInspectionOptions()));
    }
}
