using System.Collections.Concurrent;
using System.Diagnostics;
using Polly;
using Polly.Timeout;
using Warden.Resilience.Ledger;
using Warden.Tools;

namespace Warden.Stages.Execution;

/// <summary>
/// Runs the tool in process, bounded by the binding's timeout through a Polly timeout strategy: when
/// the time is up the tool's token is cancelled and the call is reported as timed out, even if the
/// tool ignores its token. A tool bound to a sandbox profile is never run in process: it goes to the
/// sandboxed runner, and when there is none or it cannot run here, the call is denied (fail closed).
/// Before the tool runs, the call is counted against the session's tool-call budget and the agent's
/// concurrent calls, and (with a side-effect ledger) recorded under its idempotency key: a call that
/// already completed gets its recorded result and the tool does not run again. A call of a tool the
/// policy declares idempotent is not recorded unless the caller gave its own key.
/// </summary>
public sealed class ExecutionStage(ToolCatalog tools, TimeProvider timeProvider, ISandboxedToolRunner? sandbox = null, ISideEffectLedger? ledger = null) : GateStage
{
    /// <summary>The stage's name.</summary>
    public const string StageName = "execution";

    private static readonly Decision Ran = Decision.Allowed("execution", "the tool ran; see its outcome");
    /// <summary>The rule of a call answered from the side-effect ledger (the tool did not run again).</summary>
    public const string ReplayedRule = "ledger.replayed";

    private static readonly Decision Replayed = Decision.Allowed(ReplayedRule, "this call already ran; its recorded result is returned and the tool did not run again");
    private readonly ConcurrentDictionary<TimeSpan, ResiliencePipeline> _pipelines = new();
    private readonly ConcurrentDictionary<string, int> _running = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override string Name => StageName;

    /// <inheritdoc />
    public override bool HasSideEffects => true;

    /// <summary>The side-effect ledger, if any.</summary>
    public ISideEffectLedger? Ledger => ledger;

    /// <inheritdoc />
    public override async ValueTask<Decision> EvaluateAsync(GateContext context, CancellationToken cancellationToken)
    {
        var binding = context.Binding;
        if (binding is null)
        {
            return Decision.Deny("tools.unbound", $"the policy binds no tool '{context.Call.Tool}'");
        }

        // A call that already completed is answered from the ledger, whether or not its tool could run now.
        // The key (a hash over the arguments' canonical JSON) is only computed where a ledger keeps it. An
        // idempotent tool's calls are not kept (running one again has no further effect) unless the
        // caller gave its own key, asking for the recorded answer to a repeat.
        var ledger = binding.Idempotent && !IdempotencyKeys.HasCallerKey(context.Call) ? null : Ledger;
        var key = ledger is null ? string.Empty : context.IdempotencyKey = IdempotencyKeys.For(context.Call, context.Session.Turns, context.Session.Epoch);
        if (ledger is not null && await ledger.FindAsync(key, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            if (entry.SessionId != context.Session.Id || entry.Tool != binding.Name)
            {
                return Decision.Deny("ledger.mismatch", $"the ledger entry under key {key} belongs to another session or tool; it is not replayed");
            }

            if (entry.Outcome is { } recorded)
            {
                // The session takes the tool's labels again: a crash may have lost the checkpoint that held them.
                context.Session.AddLabels((IReadOnlyCollection<string>)binding.Labels);
                context.Outcome = recorded;
                context.Items[ReplayedItem] = true;
                return Replayed;
            }

            return Decision.Deny(
                "ledger.unfinished",
                $"an earlier attempt of this call (key {key}) started and never finished, so its effect is unknown; it is not run again until a person clears it");
        }

        InProcessTool? tool = null;
        if (binding.Sandbox is not null)
        {
            if ((sandbox is null ? "this gate has no sandboxed executor" : sandbox.Unavailable) is { } missing)
            {
                return Decision.Deny(
                    "execution.sandbox_unavailable",
                    $"tool '{binding.Name}' is bound to a sandbox profile and cannot be sandboxed here ({missing}); it is not run outside a sandbox");
            }
        }
        else if (!tools.TryGet(binding.Name, out tool))
        {
            return Decision.Deny("execution.no_executor", $"no in-process tool named '{binding.Name}' is registered");
        }

        if (AcquireConcurrency(context) is { } busy)
        {
            return busy;
        }

        try
        {
            if (context.BeginExecution() is { } spent)
            {
                return spent;
            }

            if (ledger is not null && !await ledger.TryBeginAsync(new LedgerEntry(key, context.Session.Id, binding.Name, timeProvider.GetUtcNow(), null), cancellationToken).ConfigureAwait(false))
            {
                return Decision.Deny("ledger.in_progress", $"the same call (key {key}) is already running");
            }

            var outcome = tool is null
                ? await RunSandboxedAsync(sandbox!, binding, context, cancellationToken).ConfigureAwait(false)
                : await RunAsync(tool, binding.Timeout, context, cancellationToken).ConfigureAwait(false);
            context.Outcome = outcome;
            if (ledger is not null)
            {
                // A success is kept for replay; a failure the tool reported is forgotten, so that a retry runs
                // it again. A call that timed out or was cancelled may still be running or have had its
                // effect: it stays unfinished, and the same call is refused until a person clears it.
                if (outcome.Status == ToolStatus.Succeeded)
                {
                    await ledger.CompleteAsync(key, outcome, CancellationToken.None).ConfigureAwait(false);
                }
                else if (outcome.Status == ToolStatus.Failed)
                {
                    await ledger.ForgetUnfinishedAsync(key, CancellationToken.None).ConfigureAwait(false);
                }
            }

            return Ran;
        }
        finally
        {
            ReleaseConcurrency(context);
        }
    }

    private Decision? AcquireConcurrency(GateContext context)
    {
        var agentId = context.Principal.AgentId;
        var limit = context.Policy.Agents.TryGetValue(agentId, out var agent) ? agent.Limits.ConcurrentCalls : null;
        var now = _running.AddOrUpdate(agentId, 1, static (_, n) => n + 1);
        context.Items[ConcurrencyTaken] = true;
        if (limit is { } max && now > max)
        {
            ReleaseConcurrency(context);
            return Decision.Throttled($"agents.{agentId}.limits.concurrent_calls", $"agent '{agentId}' already has {max} calls under way; the limit is {max}", TimeSpan.FromSeconds(1));
        }

        return null;
    }

    private void ReleaseConcurrency(GateContext context)
    {
        if (context.Items.Remove(ConcurrencyTaken))
        {
            _running.AddOrUpdate(context.Principal.AgentId, 0, static (_, n) => Math.Max(0, n - 1));
        }
    }

    private const string ConcurrencyTaken = "execution.concurrency";

    /// <summary>The key of <see cref="GateContext.Items"/> set when the outcome was replayed from the ledger.</summary>
    public const string ReplayedItem = "execution.replayed";

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

    private TimeSpan Elapsed(long started) => timeProvider.GetElapsedTime(started);
}
