using System.Threading.RateLimiting;
using Warden.Policies;

namespace Warden.Gateway.Access;

/// <summary>
/// The gateway's rate limits, from the policy: per client IP (<c>gateway.requests_per_minute_per_ip</c>),
/// per agent (<c>agents.NAME.limits.requests_per_minute</c>) and per tool, all agents together
/// (<c>tools.NAME.requests_per_minute</c>). Token buckets (System.Threading.RateLimiting) holding a
/// minute's worth, refilled evenly; a refused request learns when to retry. Rebuilt when the policy
/// changes; kept in this process (several replicas each apply the limit: a shared store is the
/// Redis issue's).
/// </summary>
internal sealed class RateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<(string Kind, string Key, int PerMinute)> _limiter =
        PartitionedRateLimiter.Create<(string Kind, string Key, int PerMinute), (string, string, int)>(
            request => RateLimitPartition.GetTokenBucketLimiter(request, static partition => new TokenBucketRateLimiterOptions
            {
                TokenLimit = partition.Item3,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1) / partition.Item3,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    /// <summary>A refusal: which limit, and when to retry.</summary>
    public sealed record Refusal(string Limit, string Message, TimeSpan RetryAfter);

    /// <summary>Takes one request from the client IP's bucket; a refusal when it is empty.</summary>
    public Refusal? TakeForAddress(Policy policy, string address) =>
        policy.Gateway.RequestsPerMinutePerIp is { } perMinute ? Take(("ip", address, perMinute), $"client address {address} made more than {perMinute} requests a minute") : null;

    /// <summary>Takes one request from the agent's bucket.</summary>
    public Refusal? TakeForAgent(Policy policy, string agentId) =>
        policy.Agents.TryGetValue(agentId, out var agent) && agent.Limits.RequestsPerMinute is { } perMinute
            ? Take(("agent", agentId, perMinute), $"agent '{agentId}' made more than {perMinute} requests a minute (agents.{agentId}.limits.requests_per_minute)")
            : null;

    /// <summary>Takes one call from the tool's bucket.</summary>
    public Refusal? TakeForTool(Policy policy, string tool) =>
        policy.Tools.TryGetValue(tool, out var binding) && binding.RequestsPerMinute is { } perMinute
            ? Take(("tool", tool, perMinute), $"tool '{tool}' was called more than {perMinute} times a minute (tools.{tool}.requests_per_minute)")
            : null;

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();

    private Refusal? Take((string Kind, string Key, int PerMinute) partition, string message)
    {
        using var lease = _limiter.AttemptAcquire(partition);
        if (lease.IsAcquired)
        {
            return null;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1) / partition.PerMinute;
        return new Refusal(partition.Kind, message, retryAfter);
    }
}
