using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Warden.Policies;
using Warden.Sandbox;

namespace Warden.Benchmarks;

/// <summary>
/// Spawn overhead: /usr/bin/true started plainly, in bare bubblewrap (the same namespaces and
/// read-only system, as the same user), and through <see cref="SandboxExecutor"/> (which adds the
/// seccomp filter, the blocked start, the cgroups, prlimit and capped output).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, warmupCount: 40, iterationCount: 100, invocationCount: 1)]
public class SandboxBenchmarks
{
    private readonly SandboxExecutor _executor = new();
    private readonly SandboxRequest _request = new(["/usr/bin/true"], SandboxProfile.Default) { Timeout = TimeSpan.FromSeconds(10) };
    private ProcessStartInfo _plain = null!;
    private ProcessStartInfo _bare = null!;

    [GlobalSetup]
    public void Setup()
    {
        if (_executor.Unavailable is { } missing)
        {
            throw new InvalidOperationException(missing);
        }

        _plain = new ProcessStartInfo("/usr/bin/true") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        _bare = new ProcessStartInfo("/usr/bin/bwrap") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        _bare.Environment.Clear();
        if (_executor.User.Name is { } user)
        {
            _bare.UserName = user;
        }

        foreach (var argument in BubblewrapArguments.SystemLayout(SandboxProfile.Default).Concat(["--", "/usr/bin/true"]))
        {
            _bare.ArgumentList.Add(argument);
        }
    }

    [Benchmark(Baseline = true, Description = "Process.Start, /usr/bin/true")]
    public int Plain() => Run(_plain);

    [Benchmark(Description = "bare bwrap, /usr/bin/true")]
    public int BareBubblewrap() => Run(_bare);

    [Benchmark(Description = "SandboxExecutor, /usr/bin/true")]
    public async Task<int> Executor() => (await _executor.RunAsync(_request)).ExitCode;

    private static int Run(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
