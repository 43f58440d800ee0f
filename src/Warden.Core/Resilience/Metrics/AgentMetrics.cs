namespace Warden.Resilience.Metrics;

/// <summary>One agent's figures, as the brief asks: turns, tool-call success rate, mean and p95 response time, errors by kind.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Turns">User turns accepted.</param>
/// <param name="ToolCalls">Tool calls that ran.</param>
/// <param name="SuccessRate">Share of the calls that ran which succeeded (0 when none ran).</param>
/// <param name="MeanResponse">Mean time of the calls that ran.</param>
/// <param name="P95Response">95th percentile of the recent calls' times (the last 1,024).</param>
/// <param name="Errors">Counts by kind: failed, timed-out, cancelled, and DECISION:RULE for refusals.</param>
public sealed record AgentMetrics(string AgentId, long Turns, long ToolCalls, double SuccessRate, TimeSpan MeanResponse, TimeSpan P95Response, IReadOnlyDictionary<string, long> Errors);
