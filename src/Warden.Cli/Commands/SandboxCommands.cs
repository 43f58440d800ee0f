using System.CommandLine;
using System.Text.Json;
using Warden.Policies;
using Warden.Sandbox;

namespace Warden.Cli.Commands;

/// <summary><c>warden sandbox exec</c> and <c>warden sandbox check</c>.</summary>
internal static class SandboxCommands
{
    public static Command Create() => new("sandbox", "Run commands in Warden's process sandbox (bubblewrap, seccomp, rlimits, cgroups).")
    {
        CreateExec(),
        CreateCheck(),
    };

    private static Command CreateExec()
    {
        var profileName = new Option<string>("--profile") { Description = "The sandbox profile (from --policy's 'sandboxes:', or the built-in 'default').", DefaultValueFactory = _ => SandboxProfile.Default.Name };
        var policy = new Option<string?>("--policy") { Description = "A policy file whose named profiles --profile may use." };
        var workspace = new Option<string?>("--workspace") { Description = "The folder bound at /workspace (default: a fresh empty folder, removed afterwards)." };
        var timeout = new Option<string>("--timeout") { Description = "Wall-clock limit, e.g. 30s; the whole process tree is killed when it passes.", DefaultValueFactory = _ => "30s" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (status, limit, output) instead of passing the output through." };
        var commandLine = new Argument<string[]>("command") { Description = "The program and its arguments, after --.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("exec", "Run one command in a sandbox profile and say how and why it ended.")
        {
            profileName, policy, workspace, timeout, json, commandLine,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!Durations.TryParse(parse.GetValue(timeout)!, out var wallClock) || wallClock <= TimeSpan.Zero)
            {
                Console.Error.WriteLine($"warden: --timeout '{parse.GetValue(timeout)}' is not a duration: write e.g. 500ms, 30s or 2m");
                return ExitCodes.BadInput;
            }

            if (ResolveProfile(parse.GetValue(policy), parse.GetValue(profileName)!) is not { } profile)
            {
                return ExitCodes.BadInput;
            }

            var executor = new SandboxExecutor();
            if (executor.Unavailable is { } missing)
            {
                Console.Error.WriteLine($"warden: the sandbox cannot run here: {missing}");
                return ExitCodes.Finding;
            }

            var given = parse.GetValue(workspace);
            if (given is not null && !Directory.Exists(given))
            {
                Console.Error.WriteLine($"warden: the workspace folder '{given}' does not exist");
                return ExitCodes.BadInput;
            }

            var folder = given ?? Directory.CreateTempSubdirectory("warden-workspace-").FullName;
            if (given is null)
            {
                executor.User.Own(folder);
            }

            try
            {
                // A profile without a workspace still gets one here when --workspace is given: that is what the flag asks for.
                var run = profile.Workspace == "none" && given is not null ? profile with { Workspace = "rw" } : profile;
                var request = new SandboxRequest(parse.GetValue(commandLine)!, run) { Workspace = folder, Timeout = wallClock };
                var result = await executor.RunAsync(request, cancellationToken);
                Report(result, run, wallClock, parse.GetValue(json));
                return result.Succeeded ? ExitCodes.Success : ExitCodes.Finding;
            }
            catch (SandboxUnavailableException e)
            {
                Console.Error.WriteLine($"warden: {e.Message}");
                return ExitCodes.Finding;
            }
            finally
            {
                if (given is null)
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        });
        return command;
    }

    private static Command CreateCheck()
    {
        var command = new Command("check", "Say whether sandboxes can run on this machine, and what bounds memory and processes.");
        command.SetAction(_ =>
        {
            var executor = new SandboxExecutor();
            var missing = executor.Unavailable;
            Console.WriteLine(missing is null ? "sandbox: available" : $"sandbox: unavailable: {missing}");
            Console.WriteLine($"runs as: {executor.User.Name ?? "this user"} (uid {executor.User.UserId})");
            Console.WriteLine($"limits: rlimits (cpu, address space, file size, open files, processes) set by {executor.LimitsMethod}; {SandboxExecutor.CgroupDescription}");
            return missing is null ? ExitCodes.Success : ExitCodes.Finding;
        });
        return command;
    }

    private static SandboxProfile? ResolveProfile(string? policyPath, string name)
    {
        var profiles = new Dictionary<string, SandboxProfile> { [SandboxProfile.Default.Name] = SandboxProfile.Default };
        if (policyPath is not null)
        {
            if (PolicyFile.Load(policyPath, out _) is not { Policy: { } loaded })
            {
                return null;
            }

            profiles = loaded.Sandboxes.ToDictionary();
        }

        if (profiles.TryGetValue(name, out var profile))
        {
            return profile;
        }

        Console.Error.WriteLine($"warden: unknown sandbox profile '{name}': {(policyPath is null ? "without --policy only 'default' exists" : $"the policy defines {string.Join(", ", profiles.Keys.Order(StringComparer.Ordinal))}")}");
        return null;
    }

    private static void Report(SandboxResult result, SandboxProfile profile, TimeSpan timeout, bool json)
    {
        var reason = result.Describe(profile, timeout);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(
                new
                {
                    exit_code = result.ExitCode,
                    signal = result.Signal is { } s ? SandboxResult.SignalName(s) : null,
                    limit = result.Limit switch
                    {
                        SandboxLimit.None => null,
                        SandboxLimit.WallClock => "wall_clock",
                        SandboxLimit.FileSize => "file_size",
                        var other => other.ToString().ToLowerInvariant(),
                    },
                    reason,
                    elapsed_ms = Math.Round(result.Elapsed.TotalMilliseconds, 1),
                    stdout = result.Stdout,
                    stderr = result.Stderr,
                    stdout_dropped = result.StdoutDropped,
                    stderr_dropped = result.StderrDropped,
                },
                CliJson.Lines));
            return;
        }

        Console.Out.Write(result.Stdout);
        Console.Error.Write(result.Stderr);
        Console.Error.WriteLine($"warden: {reason} after {result.Elapsed.TotalMilliseconds:0} ms (profile '{profile.Name}')");
    }
}
