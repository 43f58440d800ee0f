using System.Diagnostics;

namespace Warden.Cli.Tests;

/// <summary>Runs the built <c>warden</c> program as a separate process, as a user would.</summary>
internal static class WardenProcess
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr);

    public static Task<Run> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs the program with <paramref name="environment"/> added to its environment.</summary>
    public static async Task<Run> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Start(environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true); // never left running behind a failed test
            throw;
        }

        return new Run(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the program with its output redirected and leaves it running.</summary>
    public static Process Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>Starts the program with <paramref name="environment"/> added to its environment.</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "warden.dll");
        Assert.True(File.Exists(program), $"the warden program is not beside the tests: {program}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    public static string TempFolder()
    {
        var folder = Directory.CreateTempSubdirectory("warden-cli-tests-").FullName;
        return folder;
    }
}
