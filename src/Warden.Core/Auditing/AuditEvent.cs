using System.Text.Json;
using System.Text.Json.Serialization;

namespace Warden.Auditing;

/// <summary>One recorded gate decision. Arguments are masked before the event is made.</summary>
public sealed record AuditEvent
{
    /// <summary>A unique, time-ordered id.</summary>
    public required string Id { get; init; }

    /// <summary>When the decision was made.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>What kind of event this is.</summary>
    public required AuditEventType Type { get; init; }

    /// <summary>The agent that acted.</summary>
    public required string AgentId { get; init; }

    /// <summary>The session it acted in.</summary>
    public required string SessionId { get; init; }

    /// <summary>The tool called, or null for a prompt.</summary>
    public string? Tool { get; init; }

    /// <summary>What the gate decided.</summary>
    public required DecisionKind Decision { get; init; }

    /// <summary>The stage that decided, or null when every stage allowed.</summary>
    public string? Stage { get; init; }

    /// <summary>The rule that decided.</summary>
    public required string Rule { get; init; }

    /// <summary>Why, in a sentence.</summary>
    public required string Reason { get; init; }

    /// <summary>True when the policy was in shadow mode and the decision was recorded but not enforced.</summary>
    public bool Shadow { get; init; }

    /// <summary>The approval a person gave that let this call through (a call the policy holds for approval), if any.</summary>
    public string? ApprovalId { get; init; }

    /// <summary>How the tool's execution ended, when it ran.</summary>
    public Tools.ToolStatus? ToolStatus { get; init; }

    /// <summary>The masked arguments as UTF-8 JSON; empty for a prompt.</summary>
    [JsonIgnore]
    public ReadOnlyMemory<byte> MaskedArguments { get; init; }

    /// <summary>The masked arguments as a JSON value, for serialisation and display (and reading a stored event back).</summary>
    [JsonPropertyName("arguments")]
    public JsonElement? Arguments
    {
        get => MaskedArguments.IsEmpty ? null : JsonDocument.Parse(MaskedArguments).RootElement;
        init => MaskedArguments = value is { } json ? System.Text.Encoding.UTF8.GetBytes(json.GetRawText()) : default;
    }

    /// <summary>What an anomaly (or another event that needs more than a sentence) rests on, as a JSON object; null for most events.</summary>
    public JsonElement? Evidence { get; init; }

    /// <summary>What the detectors saw.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];
}
