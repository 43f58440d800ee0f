using System.Security.Cryptography;
using System.Text;
using Warden.Json;

namespace Warden.Resilience.Ledger;

/// <summary>
/// Idempotency keys, always scoped to the agent, the session and the tool (hashed from a JSON array of
/// them, so no two different scopes can spell the same key): with the caller's own key
/// (<see cref="ToolCall.IdempotencyKey"/>) when it gives one, else with the session's epoch and turn
/// and the arguments' canonical JSON. So the same call repeated within one turn — what an agent
/// restarted from its last checkpoint does — finds its recorded result, while the same call in a
/// later turn, or after the session was reset, is a new call.
/// </summary>
public static class IdempotencyKeys
{
    /// <summary>Whether the caller gave its own key (a non-empty <see cref="ToolCall.IdempotencyKey"/>).</summary>
    public static bool HasCallerKey(ToolCall call) => call?.IdempotencyKey is { Length: > 0 };

    /// <summary>The key of <paramref name="call"/> in turn <paramref name="turn"/> of epoch <paramref name="epoch"/> of its session.</summary>
    public static string For(ToolCall call, int turn, int epoch = 0)
    {
        ArgumentNullException.ThrowIfNull(call);
        var scope = System.Text.Json.JsonSerializer.Serialize(new[] { call.Principal.AgentId, call.SessionId, call.Tool });
        if (HasCallerKey(call))
        {
            var keyed = SHA256.HashData(Encoding.UTF8.GetBytes(scope + System.Text.Json.JsonSerializer.Serialize(call.IdempotencyKey)));
            return $"caller:{Convert.ToHexStringLower(keyed)}";
        }

        var head = Encoding.UTF8.GetBytes($"{scope}{epoch}\n{turn}\n");
        var hash = SHA256.HashData([.. head, .. CanonicalJson.Bytes(call.Arguments)]);
        return $"derived:{Convert.ToHexStringLower(hash)}";
    }
}
