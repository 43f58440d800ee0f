namespace Warden.Resilience.Checkpoints;

/// <summary>What to do next time a session's call fails or its turns run out, and what was tried.</summary>
/// <param name="Kind"><c>none</c>, <c>retry</c> (retry the failed call with modified arguments) or <c>reset</c> (start the session's turns afresh).</param>
/// <param name="Tool">The tool of the failed call being retried, or null.</param>
/// <param name="Attempts">The arguments of each retry so far (canonical JSON), at most <see cref="MaxRetries"/>.</param>
/// <param name="Reason">Why the plan was made.</param>
public sealed record RecoveryPlan(string Kind, string? Tool, IReadOnlyList<string> Attempts, string Reason)
{
    /// <summary>Retries of a failed call, as the brief says.</summary>
    public const int MaxRetries = 3;

    /// <summary>Nothing to recover.</summary>
    public static RecoveryPlan None { get; } = new("none", null, [], "nothing has failed");
}
