namespace Warden.Approvals;

/// <summary>
/// One call held for a person: who asked, for what (the tool and the SHA-256 of its arguments'
/// canonical JSON: an approval covers that exact call), why it was held, and what became of it.
/// </summary>
public sealed record ApprovalRequest
{
    /// <summary>The approval's id, given to the agent and to the person.</summary>
    public required string Id { get; init; }

    /// <summary>The agent that made the call.</summary>
    public required string AgentId { get; init; }

    /// <summary>Its session.</summary>
    public required string SessionId { get; init; }

    /// <summary>The tool called.</summary>
    public required string Tool { get; init; }

    /// <summary>The SHA-256 of the arguments' canonical JSON.</summary>
    public required string ArgumentsHash { get; init; }

    /// <summary>The arguments, masked as the audit log masks them, for the person to read.</summary>
    public string? MaskedArguments { get; init; }

    /// <summary>The rule that held it.</summary>
    public required string Rule { get; init; }

    /// <summary>Why it was held.</summary>
    public required string Reason { get; init; }

    /// <summary>When it was asked for.</summary>
    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>When it lapses unless decided.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Where it stands.</summary>
    public ApprovalStatus Status { get; init; } = ApprovalStatus.Pending;

    /// <summary>Who approved or denied it.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>When.</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The person's note.</summary>
    public string? Note { get; init; }

    /// <summary>When the approved call went through (once).</summary>
    public DateTimeOffset? UsedAt { get; init; }

    /// <summary>The key that finds the approval of a call: agent, session, tool and arguments.</summary>
    public string CallKey => Key(AgentId, SessionId, Tool, ArgumentsHash);

    /// <summary>The key of a call.</summary>
    public static string Key(string agentId, string sessionId, string tool, string argumentsHash) =>
        $"{agentId.Length}:{agentId}/{sessionId.Length}:{sessionId}/{tool.Length}:{tool}/{argumentsHash}";
}
