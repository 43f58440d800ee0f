using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Warden.Sandbox.Native;

namespace Warden.Sandbox;

/// <summary>Reads what bubblewrap reports on its <c>--info-fd</c>: the host pid of the sandbox's first process.</summary>
internal static class BubblewrapInfo
{
    /// <summary>
    /// Waits for bubblewrap's JSON report and returns <c>child-pid</c>. When bubblewrap fails first, the
    /// exception carries what it wrote to stderr.
    /// </summary>
    public static int ReadChildPid(int fd, Process process, TimeSpan timeout)
    {
        var read = Task.Run(() => ReadReport(fd));
        if (!read.Wait(timeout))
        {
            throw new SandboxUnavailableException($"bubblewrap did not set up the sandbox within {timeout.TotalSeconds:0} s");
        }

        var report = read.Result;
        if (report is null)
        {
            process.WaitForExit(2000);
            var error = process.HasExited ? process.StandardError.ReadToEnd().Trim() : string.Empty;
            throw new SandboxUnavailableException($"bubblewrap could not create the sandbox{(error.Length > 0 ? $": {error}" : string.Empty)}");
        }

        using var document = JsonDocument.Parse(report);
        return document.RootElement.GetProperty("child-pid").GetInt32();
    }

    /// <summary>The report once a whole JSON object has arrived; null when the pipe closes before.</summary>
    private static unsafe string? ReadReport(int fd)
    {
        var text = new StringBuilder();
        var buffer = stackalloc byte[1024];
        while (true)
        {
            var n = LibC.read(fd, buffer, 1024);
            if (n <= 0)
            {
                return null;
            }

            text.Append(Encoding.UTF8.GetString(buffer, (int)n));
            var current = text.ToString();
            if (current.TrimEnd().EndsWith('}'))
            {
                return current;
            }
        }
    }
}
