using System.Collections.Concurrent;

namespace Warden.Stages.Authorization;

/// <summary>
/// Allow decisions, shared per (rule, role, capability): the allow path is the hot path, and a decision
/// is an immutable value, so it need not be made anew for every call.
/// </summary>
internal static class AllowedDecisions
{
    private const int MaxEntries = 10_000;
    private static readonly ConcurrentDictionary<(string Rule, string Role, string Capability), Decision> Cache = new();

    public static Decision For(string role, string capability, string rule)
    {
        var key = (rule, role, capability);
        if (Cache.TryGetValue(key, out var decision))
        {
            return decision;
        }

        decision = Decision.Allowed(rule, $"role '{role}' grants '{capability}'");
        if (Cache.Count < MaxEntries)
        {
            Cache.TryAdd(key, decision);
        }

        return decision;
    }
}
