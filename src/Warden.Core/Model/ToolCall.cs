using System.Text.Json;

namespace Warden;

/// <summary>One request from an agent to run a tool, as the gate receives it.</summary>
/// <param name="Tool">The tool's name.</param>
/// <param name="Arguments">The arguments, a JSON value (an object for every well-formed call).</param>
/// <param name="SessionId">The agent run this call belongs to.</param>
/// <param name="Principal">The authenticated caller.</param>
public sealed record ToolCall(string Tool, JsonElement Arguments, string SessionId, Principal Principal)
{
    /// <summary>
    /// The caller's idempotency key, if it gives one: a call repeated with the same key in the same
    /// session gets the recorded result of the first instead of running again. Without one the gate
    /// derives a key from the turn, the tool and the arguments, except for a tool the policy declares
    /// idempotent, whose calls are not recorded.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Parses <paramref name="argumentsJson"/> and builds a call; the arguments are detached from any buffer.</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static ToolCall Create(string tool, string argumentsJson, string sessionId, Principal principal)
    {
        using var document = JsonDocument.Parse(argumentsJson);
        return new ToolCall(tool, document.RootElement.Clone(), sessionId, principal);
    }
}
