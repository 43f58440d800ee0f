namespace Warden.Resilience.Breakers;

/// <summary>A policy's <c>breaker:</c> block: the settings it changes (null keeps the one below it).</summary>
public sealed record BreakerOverrides
{
    /// <summary>Nothing changed.</summary>
    public static BreakerOverrides None { get; } = new();

    /// <summary><c>failures</c>.</summary>
    public int? Failures { get; init; }

    /// <summary><c>open_for</c>.</summary>
    public TimeSpan? OpenFor { get; init; }

    /// <summary><c>probes</c>.</summary>
    public int? Probes { get; init; }

    /// <summary><c>loop_repeats</c>.</summary>
    public int? LoopRepeats { get; init; }

    /// <summary><c>loop_window</c>.</summary>
    public TimeSpan? LoopWindow { get; init; }

    /// <summary><c>denials</c>.</summary>
    public int? Denials { get; init; }

    /// <summary><c>denial_window</c>.</summary>
    public TimeSpan? DenialWindow { get; init; }

    /// <summary><paramref name="settings"/> with these changes applied.</summary>
    public BreakerSettings ApplyTo(BreakerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new BreakerSettings
        {
            Failures = Failures ?? settings.Failures,
            OpenFor = OpenFor ?? settings.OpenFor,
            Probes = Probes ?? settings.Probes,
            LoopRepeats = LoopRepeats ?? settings.LoopRepeats,
            LoopWindow = LoopWindow ?? settings.LoopWindow,
            Denials = Denials ?? settings.Denials,
            DenialWindow = DenialWindow ?? settings.DenialWindow,
        };
    }
}
