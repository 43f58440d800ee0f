namespace Warden.Policies;

/// <summary>The limits a sandboxed tool or upstream runs under.</summary>
/// <param name="Network"><c>none</c> (an empty network namespace) or <c>host</c>.</param>
/// <param name="Workspace"><c>none</c>, <c>ro</c> or <c>rw</c>: how the workspace folder is bound.</param>
/// <param name="Cpu">CPU time allowed, if limited.</param>
/// <param name="MemoryBytes">Address space allowed, if limited.</param>
public sealed record SandboxProfile(string Network, string Workspace, TimeSpan? Cpu, long? MemoryBytes)
{
    /// <summary>The safe default: no network, no workspace.</summary>
    public static SandboxProfile Default { get; } = new("none", "none", null, null);
}
