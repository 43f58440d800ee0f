using Warden.Tools;

namespace Warden.Resilience.Ledger;

/// <summary>One tool call in the side-effect ledger: started, and (once it ended) its outcome.</summary>
/// <param name="Key">The idempotency key.</param>
/// <param name="SessionId">The session.</param>
/// <param name="Tool">The tool.</param>
/// <param name="StartedAt">When the tool was started.</param>
/// <param name="Outcome">How it ended, or null while it runs (or when the process died while it ran).</param>
public sealed record LedgerEntry(string Key, string SessionId, string Tool, DateTimeOffset StartedAt, ToolOutcome? Outcome);
