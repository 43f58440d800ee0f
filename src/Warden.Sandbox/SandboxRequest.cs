using Warden.Policies;

namespace Warden.Sandbox;

/// <summary>One command to run in a sandbox.</summary>
/// <param name="Command">The program (a path, or a name looked up on the sandbox's PATH) and its arguments; no shell.</param>
/// <param name="Profile">Where and under which limits it runs.</param>
public sealed record SandboxRequest(IReadOnlyList<string> Command, SandboxProfile Profile)
{
    /// <summary>The host folder bound at <c>/workspace</c> when the profile binds one.</summary>
    public string? Workspace { get; init; }

    /// <summary>Wall-clock time after which the whole process tree is killed; null for none (long-lived servers).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Bytes written to the command's stdin, which is then closed (for <see cref="SandboxExecutor.RunAsync"/>).</summary>
    public ReadOnlyMemory<byte> Stdin { get; init; }
}
