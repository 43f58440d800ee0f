using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Warden.Json;

namespace Warden.Resilience.Checkpoints;

/// <summary>
/// The one serialisation of a checkpoint: fields in a fixed order, no whitespace, the context in
/// canonical JSON. The state hash is SHA-256 over these bytes without the hash itself, so a changed
/// byte anywhere in a stored checkpoint shows on load.
/// </summary>
public static class CheckpointSerializer
{
    /// <summary>The canonical bytes of <paramref name="checkpoint"/> without its hash.</summary>
    public static byte[] StateBytes(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteState(writer, checkpoint);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The state hash of <paramref name="checkpoint"/> as its fields stand.</summary>
    public static string ComputeHash(Checkpoint checkpoint) => Convert.ToHexStringLower(SHA256.HashData(StateBytes(checkpoint)));

    /// <summary><paramref name="checkpoint"/> with its hash computed.</summary>
    public static Checkpoint Seal(Checkpoint checkpoint) => checkpoint with { StateHash = ComputeHash(checkpoint) };

    /// <summary>The stored form: the state with the hash beside it.</summary>
    public static byte[] Serialize(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("state");
            WriteState(writer, checkpoint);
            writer.WriteString("state_hash", checkpoint.StateHash);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads the stored form back. The hash is read, not checked: see <see cref="ComputeHash"/>.</summary>
    /// <exception cref="JsonException">The bytes are not a checkpoint.</exception>
    public static Checkpoint Deserialize(ReadOnlySpan<byte> bytes)
    {
        using var document = JsonDocument.Parse(bytes.ToArray());
        var root = document.RootElement;
        var state = root.GetProperty("state");
        var action = state.GetProperty("last_action");
        var plan = state.GetProperty("plan");
        var context = state.GetProperty("context");
        return new Checkpoint
        {
            SessionId = state.GetProperty("session").GetString()!,
            AgentId = state.GetProperty("agent").GetString()!,
            Sequence = state.GetProperty("sequence").GetInt64(),
            TakenAt = state.GetProperty("taken_at").GetDateTimeOffset(),
            SessionStartedAt = state.GetProperty("session_started_at").GetDateTimeOffset(),
            Epoch = state.GetProperty("epoch").GetInt32(),
            Turns = state.GetProperty("turns").GetInt32(),
            ToolCalls = state.GetProperty("tool_calls").GetInt32(),
            Labels = state.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList(),
            LastAction = action.ValueKind == JsonValueKind.Null ? null : new CheckpointAction(
                action.GetProperty("tool").GetString()!,
                action.GetProperty("arguments_hash").GetString()!,
                action.GetProperty("decision").GetString()!,
                action.GetProperty("rule").GetString()!,
                action.GetProperty("outcome").GetString(),
                action.GetProperty("idempotency_key").GetString()!),
            Context = context.ValueKind == JsonValueKind.Null ? null : context.Clone(),
            Plan = new RecoveryPlan(
                plan.GetProperty("kind").GetString()!,
                plan.GetProperty("tool").GetString(),
                plan.GetProperty("attempts").EnumerateArray().Select(a => a.GetString()!).ToList(),
                plan.GetProperty("reason").GetString()!),
            StateHash = root.GetProperty("state_hash").GetString()!,
        };
    }

    private static void WriteState(Utf8JsonWriter writer, Checkpoint c)
    {
        writer.WriteStartObject();
        writer.WriteString("session", c.SessionId);
        writer.WriteString("agent", c.AgentId);
        writer.WriteNumber("sequence", c.Sequence);
        writer.WriteString("taken_at", c.TakenAt.ToUniversalTime());
        writer.WriteString("session_started_at", c.SessionStartedAt.ToUniversalTime());
        writer.WriteNumber("epoch", c.Epoch);
        writer.WriteNumber("turns", c.Turns);
        writer.WriteNumber("tool_calls", c.ToolCalls);
        writer.WriteStartArray("labels");
        foreach (var label in c.Labels.Order(StringComparer.Ordinal))
        {
            writer.WriteStringValue(label);
        }

        writer.WriteEndArray();
        writer.WritePropertyName("last_action");
        if (c.LastAction is { } a)
        {
            writer.WriteStartObject();
            writer.WriteString("tool", a.Tool);
            writer.WriteString("arguments_hash", a.ArgumentsHash);
            writer.WriteString("decision", a.Decision);
            writer.WriteString("rule", a.Rule);
            writer.WriteString("outcome", a.Outcome);
            writer.WriteString("idempotency_key", a.IdempotencyKey);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WritePropertyName("context");
        if (c.Context is { } context)
        {
            CanonicalJson.Write(writer, context);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteStartObject("plan");
        writer.WriteString("kind", c.Plan.Kind);
        writer.WriteString("tool", c.Plan.Tool);
        writer.WriteStartArray("attempts");
        foreach (var attempt in c.Plan.Attempts)
        {
            writer.WriteStringValue(attempt);
        }

        writer.WriteEndArray();
        writer.WriteString("reason", c.Plan.Reason);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
