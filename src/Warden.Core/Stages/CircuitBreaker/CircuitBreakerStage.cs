using System.Globalization;
using Warden.Json;
using Warden.Resilience.Breakers;
using Warden.Tools;

namespace Warden.Stages.CircuitBreaker;

/// <summary>
/// Circuit breakers per agent and per agent and tool (<see cref="BreakerMachine"/>, state in an
/// <see cref="IBreakerStore"/>). Before a call: an open circuit denies it with a retry-after, and the
/// same call repeated too often within the loop window opens the tool's circuit. After it: a tool
/// failure counts, a success closes, and a denial by any other stage counts towards the agent's
/// burst of denials.
/// </summary>
public sealed class CircuitBreakerStage(IBreakerStore store) : GateStage
{
    /// <summary>The stage's name.</summary>
    public const string StageName = "circuit-breaker";

    private static readonly Decision Closed = Decision.Allowed("breaker", "the circuits are closed");

    /// <summary>The store of circuit states.</summary>
    public IBreakerStore Store { get; } = store ?? throw new ArgumentNullException(nameof(store));

    /// <inheritdoc />
    public override string Name => StageName;

    /// <summary>The key of an agent's circuit.</summary>
    public static string AgentKey(string agentId) => $"agent:{agentId}";

    /// <summary>The key of an agent's circuit for one tool.</summary>
    public static string ToolKey(string agentId, string tool) => $"tool:{agentId}/{tool}";

    /// <inheritdoc />
    public override async ValueTask<Decision> EvaluateAsync(GateContext context, CancellationToken cancellationToken)
    {
        if (context.DryRun)
        {
            var agent = await Store.GetAsync(AgentKey(context.Principal.AgentId), cancellationToken).ConfigureAwait(false);
            var tool = await Store.GetAsync(ToolKey(context.Principal.AgentId, context.Call.Tool), cancellationToken).ConfigureAwait(false);
            return agent.Status == BreakerStatus.Open ? Refuse(agent, "agent", context) : tool.Status == BreakerStatus.Open ? Refuse(tool, "tool", context) : Closed;
        }

        var now = context.TimeProvider.GetUtcNow();
        var agentSettings = context.Policy.BreakerFor(context.Principal.AgentId);
        var toolSettings = context.Policy.BreakerFor(context.Principal.AgentId, context.Call.Tool);
        var hash = CallHash(context.Call);
        var agentAdmitted = false;
        var toolAdmitted = false;
        // One atomic update of both circuits: the tool's is consulted only when the agent's admits.
        var (agentState, toolState) = await Store.UpdatePairAsync(AgentKey(context.Principal.AgentId), ToolKey(context.Principal.AgentId, context.Call.Tool), (agent, tool) =>
        {
            (var nextAgent, agentAdmitted) = BreakerMachine.Admit(agent, now, agentSettings);
            if (!agentAdmitted)
            {
                return (nextAgent, tool);
            }

            (var nextTool, toolAdmitted) = BreakerMachine.Admit(tool, now, toolSettings);
            return (nextAgent, toolAdmitted ? BreakerMachine.RecordCall(nextTool, hash, now, toolSettings) : nextTool);
        }, flush: false, cancellationToken).ConfigureAwait(false); // this call's completion hook writes (and flushes) these circuits again
        if (!agentAdmitted)
        {
            return Refuse(agentState, "agent", context);
        }

        context.Items[AdmittedAgent] = true;
        if (!toolAdmitted || toolState.Status == BreakerStatus.Open)
        {
            return Refuse(toolState, toolState.Reason?.StartsWith("loop", StringComparison.Ordinal) == true && toolAdmitted ? "loop" : "tool", context);
        }

        context.Items[AdmittedTool] = true;
        return Closed;
    }

    /// <inheritdoc />
    public override async ValueTask<Decision?> OnCompletedAsync(GateContext context, GateResult result, CancellationToken cancellationToken)
    {
        if (context.DryRun)
        {
            return null;
        }

        var now = context.TimeProvider.GetUtcNow();
        var agentSettings = context.Policy.BreakerFor(context.Principal.AgentId);
        var toolSettings = context.Policy.BreakerFor(context.Principal.AgentId, context.Call.Tool);
        // A replay from the ledger did not run the tool: it neither closes nor counts against a circuit.
        var ran = context.Outcome is { Status: not ToolStatus.Cancelled } && !context.Items.ContainsKey(Execution.ExecutionStage.ReplayedItem);
        var succeeded = context.Outcome?.Status == ToolStatus.Succeeded;
        if (context.Items.ContainsKey(AdmittedAgent))
        {
            var deniedElsewhere = result.Decision.Kind == DecisionKind.Deny && result.Stage != StageName;
            var toolAdmitted = context.Items.ContainsKey(AdmittedTool);
            // A call with an outcome is checkpointed after this hook (the checkpoint stage comes first, so
            // its hook runs last) and that durable write carries this update to disk; a call denied or
            // cancelled before its tool ran gets no checkpoint, so its update (a denial counted towards a
            // burst, a probe given back) is flushed here.
            var checkpointFollows = context.Outcome is not null;
            await Store.UpdatePairAsync(AgentKey(context.Principal.AgentId), ToolKey(context.Principal.AgentId, context.Call.Tool), (agent, tool) =>
            {
                var nextAgent = ran ? BreakerMachine.RecordOutcome(agent, succeeded, now, agentSettings) : BreakerMachine.ReleaseProbe(agent);
                nextAgent = deniedElsewhere ? BreakerMachine.RecordDenial(nextAgent, now, agentSettings) : nextAgent;
                var nextTool = !toolAdmitted ? tool : ran ? BreakerMachine.RecordOutcome(tool, succeeded, now, toolSettings) : BreakerMachine.ReleaseProbe(tool);
                return (nextAgent, nextTool);
            }, flush: !checkpointFollows, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>SHA-256 of the tool and the arguments' canonical JSON.</summary>
    public static string CallHash(ToolCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return $"{call.Tool}:{CanonicalJson.Sha256(call.Arguments)}";
    }

    private static Decision Refuse(BreakerState state, string which, GateContext context)
    {
        var now = context.TimeProvider.GetUtcNow();
        var settings = which == "agent" ? context.Policy.BreakerFor(context.Principal.AgentId) : context.Policy.BreakerFor(context.Principal.AgentId, context.Call.Tool);
        var retryAfter = BreakerMachine.RetryAfter(state, now, settings);
        var subject = which == "agent" ? $"agent '{context.Principal.AgentId}'" : $"agent '{context.Principal.AgentId}' using tool '{context.Call.Tool}'";
        var status = state.Status == BreakerStatus.HalfOpen ? "half-open and its probe calls are under way" : $"open ({state.Reason})";
        return new Decision(
            DecisionKind.Deny,
            $"breaker.{which}",
            $"the circuit of {subject} is {status}; retry after {Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s",
            retryAfter);
    }

    private const string AdmittedAgent = "breaker.admitted.agent";
    private const string AdmittedTool = "breaker.admitted.tool";
}
