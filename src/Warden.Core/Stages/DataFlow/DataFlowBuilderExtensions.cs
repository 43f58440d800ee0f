using Warden.Stages.DataFlow;

namespace Warden;

/// <summary>Adds data-flow enforcement to a gate.</summary>
public static class DataFlowBuilderExtensions
{
    /// <summary>Adds the data-flow stage.</summary>
    public static GateBuilder AddDataFlow(this GateBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStage(new DataFlowStage());
    }
}
