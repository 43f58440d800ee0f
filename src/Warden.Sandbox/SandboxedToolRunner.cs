using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Warden.Policies;
using Warden.Tools;

namespace Warden.Sandbox;

/// <summary>
/// The gate's runner for tools bound to a sandbox profile: the binding's command runs in a sandbox,
/// with the call's arguments as JSON on stdin (and in place of <c>{name}</c> words of the command);
/// stdout is the tool's answer, a non-zero exit or a limit is a failure. Each session gets its own
/// workspace folder under <see cref="WorkspaceRoot"/>, so sessions never see each other's files.
/// </summary>
public sealed class SandboxedToolRunner : ISandboxedToolRunner
{
    private const int StderrShown = 2000;
    private readonly SandboxExecutor _executor;

    /// <summary>A runner over <paramref name="executor"/>, keeping workspaces under <paramref name="workspaceRoot"/>.</summary>
    public SandboxedToolRunner(SandboxExecutor executor, string workspaceRoot)
    {
        _executor = executor ?? throw new ArgumentNullException(nameof(executor));
        WorkspaceRoot = Path.GetFullPath(workspaceRoot ?? throw new ArgumentNullException(nameof(workspaceRoot)));
    }

    /// <summary>The folder that holds one workspace per session.</summary>
    public string WorkspaceRoot { get; }

    /// <inheritdoc />
    public string? Unavailable => _executor.Unavailable;

    /// <summary>
    /// The workspace folder of <paramref name="agentId"/>'s session <paramref name="sessionId"/>: a digest
    /// of both (so no id can name a path, and another agent reusing a session id after a restart does
    /// not find the first one's files).
    /// </summary>
    public string WorkspaceOf(string agentId, string sessionId) =>
        Path.Combine(WorkspaceRoot, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{agentId}\n{sessionId}")))[..32]);

    /// <inheritdoc />
    public async ValueTask<ToolOutcome> RunAsync(ToolBinding binding, ToolInvocation invocation, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(invocation);
        var profile = binding.Sandbox ?? SandboxProfile.Default;
        if (binding.Command is not { Count: > 0 } command)
        {
            return new ToolOutcome(ToolStatus.Failed, $"tool '{binding.Name}' has no command to run in its sandbox", TimeSpan.Zero);
        }

        if (CommandLine.Expand(command, invocation.Arguments) is not { } argv)
        {
            return new ToolOutcome(ToolStatus.Failed, $"tool '{binding.Name}': {CommandLine.MissingArgument(command, invocation.Arguments)}", TimeSpan.Zero);
        }

        var request = new SandboxRequest(argv, profile)
        {
            Workspace = profile.Workspace == "none" ? null : PrepareWorkspace(invocation.Session.AgentId, invocation.Session.Id),
            Timeout = timeout,
            Stdin = Encoding.UTF8.GetBytes(invocation.Arguments.GetRawText()),
        };
        SandboxResult result;
        try
        {
            result = await _executor.RunAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (SandboxUnavailableException e)
        {
            return new ToolOutcome(ToolStatus.Failed, $"tool '{binding.Name}' was not run: {e.Message}", TimeSpan.Zero);
        }

        if (result.Succeeded)
        {
            return new ToolOutcome(ToolStatus.Succeeded, result.Stdout, result.Elapsed);
        }

        var status = result.Limit == SandboxLimit.WallClock ? ToolStatus.TimedOut : ToolStatus.Failed;
        var message = new StringBuilder($"tool '{binding.Name}' {result.Describe(profile, timeout)}");
        var stderr = result.Stderr.Trim();
        if (stderr.Length > 0)
        {
            message.Append("\nstderr: ").Append(stderr.Length > StderrShown ? "…" + stderr[^StderrShown..] : stderr);
        }

        return new ToolOutcome(status, message.ToString(), result.Elapsed);
    }

    private string PrepareWorkspace(string agentId, string sessionId)
    {
        if (!Directory.Exists(WorkspaceRoot) && !OperatingSystem.IsWindows())
        {
            // Others (the sandbox account) may pass through the root to reach their folder, not list it.
            Directory.CreateDirectory(WorkspaceRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        var folder = WorkspaceOf(agentId, sessionId);
        Directory.CreateDirectory(folder);
        if (_executor.User.IsSeparate && !OperatingSystem.IsWindows())
        {
            _executor.User.Own(folder); // every time: a folder left root's by a failed attempt is given over now
            File.SetUnixFileMode(WorkspaceRoot, File.GetUnixFileMode(WorkspaceRoot) | UnixFileMode.OtherExecute);
        }

        return folder;
    }

    /// <summary>Fills a command's <c>{name}</c> words from the call's arguments.</summary>
    internal static class CommandLine
    {
        /// <summary>The command with placeholders filled, or null when an argument it names is missing or not a scalar.</summary>
        public static List<string>? Expand(IReadOnlyList<string> command, JsonElement arguments)
        {
            var result = new List<string>(command.Count);
            foreach (var word in command)
            {
                if (Placeholder(word) is not { } name)
                {
                    result.Add(word);
                    continue;
                }

                if (arguments.ValueKind != JsonValueKind.Object || !arguments.TryGetProperty(name, out var value))
                {
                    return null;
                }

                switch (value.ValueKind)
                {
                    case JsonValueKind.String:
                        result.Add(value.GetString()!);
                        break;
                    case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                        result.Add(value.GetRawText());
                        break;
                    default:
                        return null;
                }
            }

            return result;
        }

        /// <summary>Says which placeholder could not be filled.</summary>
        public static string MissingArgument(IReadOnlyList<string> command, JsonElement arguments)
        {
            var name = command.Select(Placeholder).First(n => n is not null && (arguments.ValueKind != JsonValueKind.Object
                || !arguments.TryGetProperty(n, out var v) || v.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null));
            return $"the command needs the argument '{name}' as a string, number or boolean";
        }

        private static string? Placeholder(string word) =>
            word.Length > 2 && word[0] == '{' && word[^1] == '}' && word.AsSpan(1, word.Length - 2).IndexOfAny('{', '}') < 0 ? word[1..^1] : null;
    }
}
