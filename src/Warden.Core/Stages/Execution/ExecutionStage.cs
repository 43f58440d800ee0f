using System.Collections.Concurrent;
using System.Diagnostics;
using Polly;
using Polly.Timeout;
using Warden.Tools;

namespace Warden.Stages.Execution;

/// <summary>
/// Runs the tool in process, bounded by the binding's timeout through a Polly timeout strategy: when
/// the time is up the tool's token is cancelled and the call is reported as timed out, even if the
/// tool ignores its token. A tool bound to a sandbox profile is never run in process: it goes to the
/// sandboxed runner, and when there is none or it cannot run here, the call is denied (fail closed).
/// </summary>
public sealed class ExecutionStage(ToolCatalog tools, TimeProvider timeProvider, ISandboxedToolRunner? sandbox = null) : GateStage
{
    /// <summary>The stage's name.</summary>
    public const string StageName = "execution";

    private static readonly Decision Ran = Decision.Allowed("execution", "the tool ran; see its outcome");
    private readonly ConcurrentDictionary<TimeSpan, ResiliencePipeline> _pipelines = new();

    /// <inheritdoc />
    public override string Name => StageName;

    /// <inheritdoc />
    public override bool HasSideEffects => true;

    /// <inheritdoc />
    public override async ValueTask<Decision> EvaluateAsync(GateContext context, CancellationToken cancellationToken)
    {
        var binding = context.Binding;
        if (binding is null)
        {
            return Decision.Deny("tools.unbound", $"the policy binds no tool '{context.Call.Tool}'");
        }

        if (binding.Sandbox is not null)
        {
            if ((sandbox is null ? "this gate has no sandboxed executor" : sandbox.Unavailable) is { } missing)
            {
                return Decision.Deny(
                    "execution.sandbox_unavailable",
                    $"tool '{binding.Name}' is bound to a sandbox profile and cannot be sandboxed here ({missing}); it is not run outside a sandbox");
            }

            context.BeginExecution();
            context.Outcome = await RunSandboxedAsync(sandbox!, binding, context, cancellationToken).ConfigureAwait(false);
            return Ran;
        }

        if (!tools.TryGet(binding.Name, out var tool))
        {
            return Decision.Deny("execution.no_executor", $"no in-process tool named '{binding.Name}' is registered");
        }

        context.BeginExecution();
        context.Outcome = await RunAsync(tool, binding.Timeout, context, cancellationToken).ConfigureAwait(false);
        return Ran;
    }

    private async ValueTask<ToolOutcome> RunAsync(InProcessTool tool, TimeSpan timeout, GateContext context, CancellationToken cancellationToken)
    {
        var pipeline = _pipelines.GetOrAdd(timeout, static (t, time) => new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = t })
            .Build(), timeProvider);
        var started = timeProvider.GetTimestamp();
        var invocation = new ToolInvocation(context.Call.Arguments, context.Principal, context.Session);
        try
        {
            var result = await pipeline.ExecuteAsync(
                static async (state, token) =>
                {
                    // WaitAsync returns when the token fires even if the tool ignores it.
                    var task = state.Tool.InvokeAsync(state.Invocation, token);
                    return task.IsCompletedSuccessfully ? task.Result : await task.AsTask().WaitAsync(token).ConfigureAwait(false);
                },
                (Tool: tool, Invocation: invocation),
                cancellationToken).ConfigureAwait(false);
            return new ToolOutcome(result.IsError ? ToolStatus.Failed : ToolStatus.Succeeded, result.Text, Elapsed(started));
        }
        catch (TimeoutRejectedException)
        {
            return new ToolOutcome(ToolStatus.TimedOut, $"tool '{tool.Name}' timed out after {timeout.TotalSeconds:0.###} s and was cancelled", Elapsed(started));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new ToolOutcome(ToolStatus.Cancelled, $"the call to '{tool.Name}' was cancelled by the caller", Elapsed(started));
        }
        catch (Exception e)
        {
            Debug.WriteLine(e);
            return new ToolOutcome(ToolStatus.Failed, $"tool '{tool.Name}' failed: {e.GetType().Name}", Elapsed(started));
        }
    }

    private async ValueTask<ToolOutcome> RunSandboxedAsync(ISandboxedToolRunner runner, Policies.ToolBinding binding, GateContext context, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        try
        {
            return await runner.RunAsync(binding, new ToolInvocation(context.Call.Arguments, context.Principal, context.Session), binding.Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new ToolOutcome(ToolStatus.Cancelled, $"the call to '{binding.Name}' was cancelled by the caller", Elapsed(started));
        }
        catch (Exception e)
        {
            Debug.WriteLine(e);
            return new ToolOutcome(ToolStatus.Failed, $"tool '{binding.Name}' could not be run in its sandbox: {e.GetType().Name}", Elapsed(started));
        }
    }

    private TimeSpan Elapsed(long started) => timeProvider.GetElapsedTime(started);
}
