namespace Warden.Resilience.Breakers;

/// <summary>When a circuit opens and how it recovers. The defaults are the brief's: 10 failures, 60 s.</summary>
public sealed record BreakerSettings
{
    /// <summary>The built-in settings.</summary>
    public static BreakerSettings Default { get; } = new();

    /// <summary>Consecutive failed calls that open the circuit.</summary>
    public int Failures { get; init; } = 10;

    /// <summary>How long an open circuit refuses before it half-opens.</summary>
    public TimeSpan OpenFor { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Probe calls let through at once while half-open.</summary>
    public int Probes { get; init; } = 1;

    /// <summary>The same call (tool and canonical arguments) this many times within <see cref="LoopWindow"/> is a loop.</summary>
    public int LoopRepeats { get; init; } = 5;

    /// <summary>The window of loop detection.</summary>
    public TimeSpan LoopWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Denials of one agent within <see cref="DenialWindow"/> that open its circuit.</summary>
    public int Denials { get; init; } = 20;

    /// <summary>The window of denial bursts.</summary>
    public TimeSpan DenialWindow { get; init; } = TimeSpan.FromSeconds(60);
}
