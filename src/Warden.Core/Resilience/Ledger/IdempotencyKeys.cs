using System.Security.Cryptography;
using System.Text;
using Warden.Json;

namespace Warden.Resilience.Ledger;

/// <summary>
/// Idempotency keys: the caller's own (<see cref="ToolCall.IdempotencyKey"/>) when it gives one, else
/// derived from the session, the turn, the tool and the arguments' canonical JSON. So the same call
/// repeated within one turn — what an agent restarted from its last checkpoint does — finds its
/// recorded result, while the same call in a later turn is a new call.
/// </summary>
public static class IdempotencyKeys
{
    /// <summary>The key of <paramref name="call"/> in turn <paramref name="turn"/>.</summary>
    public static string For(ToolCall call, int turn)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.IdempotencyKey is { Length: > 0 } given)
        {
            return $"caller:{call.SessionId}:{given}";
        }

        var arguments = CanonicalJson.Bytes(call.Arguments);
        var head = Encoding.UTF8.GetBytes($"{call.SessionId}\n{turn}\n{call.Tool}\n");
        var hash = SHA256.HashData([.. head, .. arguments]);
        return $"derived:{Convert.ToHexStringLower(hash)}";
    }
}
