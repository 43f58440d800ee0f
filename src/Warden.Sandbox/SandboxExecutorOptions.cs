namespace Warden.Sandbox;

/// <summary>Settings of <see cref="SandboxExecutor"/>.</summary>
public sealed record SandboxExecutorOptions
{
    /// <summary>The bubblewrap binary; null to look for <c>bwrap</c> on PATH and in /usr/bin.</summary>
    public string? BubblewrapPath { get; init; }

    /// <summary>The account sandboxes run as; null for <see cref="SandboxUser.ForCurrentProcess"/>.</summary>
    public SandboxUser? User { get; init; }

    /// <summary>
    /// When Warden is root without CAP_SYS_RESOURCE: set the limits from a thread acting as the sandbox
    /// account (true, the default) rather than by running util-linux's prlimit inside each sandbox.
    /// </summary>
    public bool LimiterThread { get; init; } = true;

    /// <summary>The clock of wall-clock timeouts and elapsed times.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
