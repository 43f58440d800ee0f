namespace Warden.Sandbox;

/// <summary>The limit that ended (or constrained) a sandboxed run.</summary>
public enum SandboxLimit
{
    /// <summary>No limit: the command ended by itself.</summary>
    None,

    /// <summary>The wall-clock timeout: the whole process tree was killed.</summary>
    WallClock,

    /// <summary>CPU seconds (RLIMIT_CPU: SIGXCPU).</summary>
    Cpu,

    /// <summary>Memory: the cgroup's OOM killer ended a process.</summary>
    Memory,

    /// <summary>File size (RLIMIT_FSIZE: SIGXFSZ).</summary>
    FileSize,

    /// <summary>Processes: forks were refused.</summary>
    Processes,
}
