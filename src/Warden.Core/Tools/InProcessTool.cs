namespace Warden.Tools;

/// <summary>A tool that runs inside the gate's process. The gate bounds it with the policy's timeout.</summary>
public abstract class InProcessTool
{
    /// <summary>The name the policy binds.</summary>
    public abstract string Name { get; }

    /// <summary>What the tool does, for people and agents.</summary>
    public virtual string Description => Name;

    /// <summary>
    /// Runs the tool. Honour <paramref name="cancellationToken"/>: it is cancelled when the timeout passes.
    /// Throw, or return <see cref="ToolResult.Error"/>, to report a failure.
    /// </summary>
    public abstract ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken);

    /// <summary>Wraps a delegate as a tool.</summary>
    public static InProcessTool Create(
        string name,
        Func<ToolInvocation, CancellationToken, ValueTask<ToolResult>> invoke,
        string? description = null) => new DelegateTool(name, invoke, description ?? name);

    private sealed class DelegateTool(
        string name,
        Func<ToolInvocation, CancellationToken, ValueTask<ToolResult>> invoke,
        string description) : InProcessTool
    {
        public override string Name => name;

        public override string Description => description;

        public override ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken) =>
            invoke(invocation, cancellationToken);
    }
}
