using Warden.Stages.Execution;
using Warden.Tools;

namespace Warden;

/// <summary>Adds in-process execution to a gate.</summary>
public static class ExecutionBuilderExtensions
{
    /// <summary>
    /// Adds the execution stage over <paramref name="tools"/>, with <paramref name="sandbox"/> for the tools
    /// bound to a sandbox profile (without one they are denied); it should be the last stage.
    /// </summary>
    public static GateBuilder AddExecution(this GateBuilder builder, ToolCatalog tools, ISandboxedToolRunner? sandbox = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tools);
        return builder.AddStage(new ExecutionStage(tools, builder.TimeProvider, sandbox));
    }
}
