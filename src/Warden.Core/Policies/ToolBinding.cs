using Json.Schema;

namespace Warden.Policies;

/// <summary>How the policy binds one tool.</summary>
/// <param name="Name">The tool's name.</param>
/// <param name="Capability">The capability a caller's role needs.</param>
/// <param name="ArgumentSchema">The JSON Schema the arguments must satisfy, if any.</param>
/// <param name="Timeout">How long the tool may run.</param>
/// <param name="Approval">Whether a person approves each call.</param>
/// <param name="Labels">Labels a session takes on when it calls the tool.</param>
/// <param name="Sink">Where the tool sends data (e.g. <c>external</c>), or null when it sends nothing out.</param>
/// <param name="Sandbox">The sandbox profile it runs in, or null to run in process.</param>
public sealed record ToolBinding(
    string Name,
    string Capability,
    JsonSchema? ArgumentSchema,
    TimeSpan Timeout,
    ApprovalMode Approval,
    IReadOnlyList<string> Labels,
    string? Sink,
    SandboxProfile? Sandbox)
{
    /// <summary>The brief's default timeout for a tool: five seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The program and arguments a sandboxed tool runs (no shell), or null for an in-process tool. A word
    /// that is exactly <c>{name}</c> is replaced by the call's argument <c>name</c>; the arguments are
    /// also written to the process's stdin as JSON.
    /// </summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Calls of the tool the gateway accepts per minute, from all agents together; null for no limit.</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>
    /// Whether repeating a call has no further effect (a read, say; <c>idempotent: true</c>). Such calls are
    /// not kept in the side-effect ledger unless the caller gives its own idempotency key: a repeated call
    /// runs again rather than being answered from it, and a call cut off by a crash is not refused afterwards. Declaring a tool with effects idempotent
    /// loses that protection for it, and nothing else.
    /// </summary>
    public bool Idempotent { get; init; }

    /// <summary>The tool's <c>breaker:</c> settings over the agent's and the policy's.</summary>
    public Resilience.Breakers.BreakerOverrides Breaker { get; init; } = Resilience.Breakers.BreakerOverrides.None;
}
