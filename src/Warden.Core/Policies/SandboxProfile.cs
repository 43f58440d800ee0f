namespace Warden.Policies;

/// <summary>
/// Where and under which limits a sandboxed tool or upstream runs. Every limit has a safe default, so
/// an empty <c>sandbox: {}</c> block gives a process with no network, no workspace and tight limits.
/// </summary>
public sealed record SandboxProfile
{
    /// <summary>The profile every unset field falls back to.</summary>
    public static SandboxProfile Default { get; } = new();

    /// <summary>The profile's name: a key of <c>sandboxes:</c>, <c>default</c>, or the policy path of an inline block.</summary>
    public string Name { get; init; } = "default";

    /// <summary><c>none</c> (an empty network namespace: loopback only) or <c>host</c>.</summary>
    public string Network { get; init; } = "none";

    /// <summary><c>none</c>, <c>ro</c> or <c>rw</c>: how the workspace folder is bound (at <c>/workspace</c>).</summary>
    public string Workspace { get; init; } = "none";

    /// <summary>CPU time the process tree may use (RLIMIT_CPU); then it gets SIGXCPU, then SIGKILL.</summary>
    public TimeSpan Cpu { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Memory the process tree may hold (a memory cgroup where one is writable).</summary>
    public long MemoryBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>
    /// Address space of each process (RLIMIT_AS), or null for the default: twice <see cref="MemoryBytes"/>
    /// when a memory cgroup holds the tree, else <see cref="MemoryBytes"/> itself.
    /// </summary>
    public long? AddressSpaceBytes { get; init; }

    /// <summary>Processes (and threads) the sandbox user may have at once (RLIMIT_NPROC, and a pids cgroup where writable).</summary>
    public int Processes { get; init; } = 64;

    /// <summary>Open files per process (RLIMIT_NOFILE).</summary>
    public int OpenFiles { get; init; } = 256;

    /// <summary>The largest file a process may write (RLIMIT_FSIZE); then it gets SIGXFSZ.</summary>
    public long FileSizeBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Bytes of stdout, and separately of stderr, kept; the rest is read and dropped, and a marker says so.</summary>
    public long OutputBytes { get; init; } = 1024 * 1024;

    /// <summary>Names of the host's environment variables passed in; everything else is cleared.</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    /// <summary>Host paths bound read-only at the same place inside (e.g. a node_modules folder).</summary>
    public IReadOnlyList<string> ReadOnlyPaths { get; init; } = [];

    /// <inheritdoc />
    public bool Equals(SandboxProfile? other) =>
        other is not null && Name == other.Name && Network == other.Network && Workspace == other.Workspace && Cpu == other.Cpu
        && MemoryBytes == other.MemoryBytes && AddressSpaceBytes == other.AddressSpaceBytes && Processes == other.Processes
        && OpenFiles == other.OpenFiles && FileSizeBytes == other.FileSizeBytes && OutputBytes == other.OutputBytes
        && Environment.SequenceEqual(other.Environment, StringComparer.Ordinal) && ReadOnlyPaths.SequenceEqual(other.ReadOnlyPaths, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Network, Workspace, Cpu, MemoryBytes, Processes, OpenFiles, FileSizeBytes);
}
