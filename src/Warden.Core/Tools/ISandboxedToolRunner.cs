using Warden.Policies;

namespace Warden.Tools;

/// <summary>
/// Runs a tool bound to a sandbox profile (<see cref="ToolBinding.Sandbox"/>) as a separate, confined
/// process. The gate's execution stage uses it for every such tool and never runs them in process.
/// </summary>
public interface ISandboxedToolRunner
{
    /// <summary>
    /// Null when sandboxed tools can run here; otherwise what is missing (e.g. bubblewrap, user
    /// namespaces), and every sandboxed call is denied with this reason.
    /// </summary>
    string? Unavailable { get; }

    /// <summary>Runs <paramref name="binding"/>'s command for <paramref name="invocation"/>, killed when <paramref name="timeout"/> passes.</summary>
    ValueTask<ToolOutcome> RunAsync(ToolBinding binding, ToolInvocation invocation, TimeSpan timeout, CancellationToken cancellationToken);
}
