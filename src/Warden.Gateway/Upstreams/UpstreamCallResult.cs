using ModelContextProtocol.Protocol;

namespace Warden.Gateway.Upstreams;

/// <summary>
/// Carries an upstream's whole answer (a <see cref="CallToolResult"/>, <see cref="ReadResourceResult"/>
/// or <see cref="GetPromptResult"/>) from the tool the gate runs back to the MCP handler that called
/// the gate, in the same asynchronous flow (the gate itself passes text).
/// </summary>
internal static class UpstreamCallResult
{
    private static readonly AsyncLocal<Holder?> Current = new();

    /// <summary>Opens a slot for one call; read it with <see cref="Holder.Result"/> after the gate answers.</summary>
    /// <param name="progress">Where the upstream's progress reports go, when the agent asked for them.</param>
    public static Holder Begin(IProgress<ModelContextProtocol.ProgressNotificationValue>? progress = null) => Current.Value = new Holder { Progress = progress };

    /// <summary>The progress sink of the current call, if the agent asked for progress.</summary>
    public static IProgress<ModelContextProtocol.ProgressNotificationValue>? Progress => Current.Value?.Progress;

    /// <summary>Records the result in the current call's slot, if there is one.</summary>
    public static void Set(object result)
    {
        if (Current.Value is { } holder)
        {
            holder.Result = result;
        }
    }

    /// <summary>One call's slot.</summary>
    public sealed class Holder
    {
        /// <summary>The upstream's answer, when the tool ran.</summary>
        public object? Result { get; set; }

        /// <summary>Where the upstream's progress reports go, or null.</summary>
        public IProgress<ModelContextProtocol.ProgressNotificationValue>? Progress { get; init; }
    }
}
