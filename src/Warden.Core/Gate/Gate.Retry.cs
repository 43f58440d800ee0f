using Polly;
using Polly.Retry;
using Warden.Json;
using Warden.Resilience.Checkpoints;
using Warden.Tools;

namespace Warden;

/// <summary>The recovery plan after a failed tool call: retry with arguments the caller modifies, up to three times.</summary>
public sealed partial class Gate
{
    /// <summary>
    /// Runs <paramref name="call"/>; when the tool runs and fails (or times out), asks
    /// <paramref name="modify"/> for the next attempt (the failed call, its result and the attempt number
    /// 1–3; null gives up) and runs that through the whole gate again, up to
    /// <see cref="RecoveryPlan.MaxRetries"/> times (a Polly retry strategy). The session's recovery plan
    /// records each attempt's arguments, and is checkpointed with the session; a success clears it.
    /// Refusals are not retried: a policy decision does not change with the arguments' wording.
    /// </summary>
    public async ValueTask<GateResult> InvokeWithRecoveryAsync(ToolCall call, Func<ToolCall, GateResult, int, ToolCall?> modify, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(modify);
        var current = call;
        ToolCall? next = null;
        var pipeline = new ResiliencePipelineBuilder<GateResult> { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions<GateResult>
            {
                MaxRetryAttempts = RecoveryPlan.MaxRetries,
                Delay = TimeSpan.Zero,
                BackoffType = DelayBackoffType.Constant,
                ShouldHandle = args =>
                {
                    next = null;
                    if (args.Outcome.Result is { } result && ToolFailed(result))
                    {
                        next = args.AttemptNumber < RecoveryPlan.MaxRetries ? modify(current, result, args.AttemptNumber + 1) : null;
                        if (next is not null && (next.SessionId != call.SessionId || next.Principal.AgentId != call.Principal.AgentId || next.Tool != call.Tool))
                        {
                            throw new InvalidOperationException("a retry must call the same tool in the same session as the same agent");
                        }

                        Plan(call, result, args.AttemptNumber, next);
                    }

                    return ValueTask.FromResult(next is not null);
                },
                OnRetry = _ =>
                {
                    current = next!;
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        var final = await pipeline.ExecuteAsync(async token => await InvokeAsync(current, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (final.Succeeded && Sessions.Find(call.SessionId) is { } session && session.Plan.Kind == "retry")
        {
            session.Plan = RecoveryPlan.None;
        }

        return final;
    }

    private static bool ToolFailed(GateResult result) =>
        result.Decision.IsAllowed && result.Outcome is { Status: ToolStatus.Failed or ToolStatus.TimedOut };

    private void Plan(ToolCall call, GateResult failed, int attemptsSoFar, ToolCall? next)
    {
        if (Sessions.Find(call.SessionId) is not { } session)
        {
            return;
        }

        var attempts = attemptsSoFar == 0 ? [] : session.Plan.Attempts.ToList();
        if (next is not null)
        {
            attempts.Add(System.Text.Encoding.UTF8.GetString(CanonicalJson.Bytes(next.Arguments)));
        }

        var reason = next is null
            ? $"tool '{call.Tool}' failed; gave up after {attempts.Count} of {RecoveryPlan.MaxRetries} retries"
            : $"tool '{call.Tool}' failed ({failed.Outcome!.Status}); retry {attempts.Count} of {RecoveryPlan.MaxRetries} with modified arguments";
        session.Plan = new RecoveryPlan("retry", call.Tool, attempts, reason);
    }
}
