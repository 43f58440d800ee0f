using System.Globalization;

namespace Warden.Sandbox;

/// <summary>How a sandboxed run ended and what it wrote.</summary>
public sealed record SandboxResult
{
    /// <summary>The exit code, as a shell reports it (128 + n when killed by signal n).</summary>
    public required int ExitCode { get; init; }

    /// <summary>The signal that killed the command, or null when it exited.</summary>
    public int? Signal => ExitCode > 128 && ExitCode < 128 + 65 ? ExitCode - 128 : null;

    /// <summary>The limit that ended the run, or <see cref="SandboxLimit.None"/>.</summary>
    public required SandboxLimit Limit { get; init; }

    /// <summary>Forks the kernel refused because of the process limit (the run may still have ended by itself).</summary>
    public long ProcessLimitHits { get; init; }

    /// <summary>What the command wrote to stdout, up to the profile's output cap, decoded as UTF-8.</summary>
    public required string Stdout { get; init; }

    /// <summary>What the command wrote to stderr, up to the cap.</summary>
    public required string Stderr { get; init; }

    /// <summary>Bytes of stdout read past the cap and dropped.</summary>
    public long StdoutDropped { get; init; }

    /// <summary>Bytes of stderr read past the cap and dropped.</summary>
    public long StderrDropped { get; init; }

    /// <summary>Wall-clock time from start to end.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>True when the command exited with code 0 and no limit ended it.</summary>
    public bool Succeeded => ExitCode == 0 && Limit == SandboxLimit.None;

    /// <summary>Why the run ended, in words: "exited with code 0", "killed by SIGXCPU: the CPU limit (2 s) was reached", ...</summary>
    public string Describe(Warden.Policies.SandboxProfile profile, TimeSpan? timeout)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var how = Signal is { } signal ? $"killed by {SignalName(signal)}" : $"exited with code {ExitCode}";
        var why = Limit switch
        {
            SandboxLimit.WallClock => $"the wall-clock timeout ({Seconds(timeout ?? TimeSpan.Zero)}) passed and the process tree was killed",
            SandboxLimit.Cpu => $"the CPU limit ({Seconds(profile.Cpu)}) was reached",
            SandboxLimit.Memory => $"the memory limit ({Mebibytes(profile.MemoryBytes)}) was reached",
            SandboxLimit.FileSize => $"the file-size limit ({Mebibytes(profile.FileSizeBytes)}) was reached",
            SandboxLimit.Processes => $"the process limit ({profile.Processes}) was reached",
            _ => null,
        };
        var text = Limit == SandboxLimit.WallClock ? $"timed out: {why}" : why is null ? how : $"{how}: {why}";
        if (Limit != SandboxLimit.Processes && ProcessLimitHits > 0)
        {
            text += $" ({ProcessLimitHits} forks refused at the process limit of {profile.Processes})";
        }

        if (StdoutDropped > 0 || StderrDropped > 0)
        {
            text += $"; output cut at {Mebibytes(profile.OutputBytes)} per stream ({StdoutDropped + StderrDropped:N0} bytes dropped)";
        }

        return text;
    }

    /// <summary>The name of signal <paramref name="number"/> on Linux (x86-64 and arm64), e.g. SIGKILL.</summary>
    public static string SignalName(int number) => number switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        24 => "SIGXCPU",
        25 => "SIGXFSZ",
        31 => "SIGSYS",
        _ => $"signal {number}",
    };

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    private static string Mebibytes(long bytes) => bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB" : $"{bytes:N0} bytes";
}
