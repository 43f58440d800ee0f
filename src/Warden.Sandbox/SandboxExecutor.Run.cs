namespace Warden.Sandbox;

/// <summary>Runs one command to its end: stdin in, capped stdout and stderr out, a wall-clock timeout, the limit it hit.</summary>
public sealed partial class SandboxExecutor
{
    private const int SigXcpu = 24;
    private const int SigXfsz = 25;

    /// <summary>How long output may keep arriving after the sandbox ended before it is given up.</summary>
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Runs <paramref name="request"/> to its end. When its timeout passes, the whole process tree is
    /// killed and the result says so; when the caller cancels, the tree is killed and the call throws.
    /// </summary>
    /// <exception cref="SandboxUnavailableException">The sandbox cannot run here or could not be set up.</exception>
    public async Task<SandboxResult> RunAsync(SandboxRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var sandbox = Start(request);
        var stdout = new OutputCollector(request.Profile.OutputBytes);
        var stderr = new OutputCollector(request.Profile.OutputBytes);
        var reading = Task.WhenAll(
            stdout.ReadAsync(sandbox.Output, CancellationToken.None),
            stderr.ReadAsync(sandbox.Error, CancellationToken.None),
            WriteInputAsync(sandbox.Input, request.Stdin));
        using var timeout = request.Timeout is { } limit ? new CancellationTokenSource(limit, TimeProvider) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var timedOut = false;
        try
        {
            await sandbox.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            sandbox.Kill();
            await sandbox.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            timedOut = true;
        }

        try
        {
            await reading.WaitAsync(OutputGrace, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            sandbox.Kill();
        }

        var exitCode = sandbox.ExitCode;
        var oomKills = sandbox.Cgroup?.OomKills ?? 0;
        var forkRefusals = sandbox.Cgroup?.ProcessLimitHits ?? 0;
        var limitHit = timedOut ? SandboxLimit.WallClock
            : exitCode == 128 + SigXcpu ? SandboxLimit.Cpu
            : exitCode == 128 + SigXfsz ? SandboxLimit.FileSize
            : oomKills > 0 ? SandboxLimit.Memory
            : exitCode != 0 && forkRefusals > 0 ? SandboxLimit.Processes
            : SandboxLimit.None;
        return new SandboxResult
        {
            ExitCode = exitCode,
            Limit = limitHit,
            ProcessLimitHits = forkRefusals,
            Stdout = stdout.Text(),
            Stderr = stderr.Text(),
            StdoutDropped = stdout.Dropped,
            StderrDropped = stderr.Dropped,
            Elapsed = sandbox.Elapsed,
        };
    }

    private static async Task WriteInputAsync(Stream input, ReadOnlyMemory<byte> bytes)
    {
        try
        {
            if (!bytes.IsEmpty)
            {
                await input.WriteAsync(bytes).ConfigureAwait(false);
            }

            await input.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The command ended or closed its stdin without reading all of it.
        }
    }
}
