using Warden.Policies;

namespace Warden.Sandbox;

/// <summary>
/// The bubblewrap command line for a request: new user, pid, network, ipc, uts, mount and cgroup
/// namespaces; the host's /usr read-only and nothing else of it but the dynamic linker's cache (and,
/// with network <c>host</c>, name resolution and CA certificates); a fresh /proc, /dev and /tmp;
/// the workspace at /workspace; a cleared environment; no capabilities; no new privileges; no new user
/// namespaces; the seccomp filter; and the command blocked until Warden has applied the limits.
/// </summary>
internal static class BubblewrapArguments
{
    /// <summary>Where the workspace appears inside.</summary>
    public const string WorkspacePath = "/workspace";

    /// <summary>The PATH inside.</summary>
    public const string SandboxPath = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin";

    private static readonly string[] MergedUsrLinks = ["bin", "sbin", "lib", "lib64", "lib32", "libx32"];

    private static readonly string[] ResolverFiles = ["/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf", "/etc/gai.conf", "/etc/ssl", "/etc/ca-certificates", "/etc/pki"];

    /// <summary>
    /// The arguments after <c>bwrap</c>. The options (up to <c>--</c>) are handed to bubblewrap through
    /// <c>--args FD</c>, not on its command line, which every account on the host can read in /proc and
    /// which would show the allow-listed environment's values.
    /// </summary>
    public static List<string> Build(SandboxRequest request, IReadOnlyDictionary<string, string> environment, int seccompFd, int infoFd, int blockFd)
    {
        var profile = request.Profile;
        var args = SystemLayout(profile);
        foreach (var path in profile.ReadOnlyPaths)
        {
            args.AddRange(["--ro-bind", path, path]);
        }

        var home = "/tmp";
        if (profile.Workspace != "none" && request.Workspace is { } workspace)
        {
            args.AddRange([profile.Workspace == "rw" ? "--bind" : "--ro-bind", Path.GetFullPath(workspace), WorkspacePath]);
            home = WorkspacePath;
        }

        args.AddRange(["--chdir", home, "--clearenv"]);
        foreach (var (name, value) in environment)
        {
            args.AddRange(["--setenv", name, value]);
        }

        args.AddRange(["--setenv", "PATH", SandboxPath, "--setenv", "HOME", home, "--setenv", "TMPDIR", "/tmp", "--setenv", "LANG", "C.UTF-8"]);
        args.AddRange(["--seccomp", seccompFd.ToString(), "--info-fd", infoFd.ToString(), "--block-fd", blockFd.ToString(), "--"]);
        args.AddRange(request.Command);
        return args;
    }

    /// <summary>Namespaces, capabilities and the read-only system: what every sandbox (and the availability probe) has.</summary>
    public static List<string> SystemLayout(SandboxProfile profile)
    {
        var args = new List<string>
        {
            "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
            "--hostname", "sandbox",
            "--ro-bind", "/usr", "/usr",
        };
        if (profile.Network == "host")
        {
            args.Add("--share-net");
        }

        foreach (var name in MergedUsrLinks)
        {
            AddTopLevel(args, name);
        }

        args.AddRange(["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache", "--ro-bind-try", "/etc/alternatives", "/etc/alternatives"]);
        if (profile.Network == "host")
        {
            foreach (var file in ResolverFiles)
            {
                args.AddRange(["--ro-bind-try", file, file]);
            }
        }

        // /tmp is memory: bounded by the profile's memory as well as by its cgroup.
        args.AddRange(["--proc", "/proc", "--dev", "/dev", "--size", profile.MemoryBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--tmpfs", "/tmp"]);
        return args;
    }

    /// <summary>Variables of the host passed in by the profile's allow-list (PATH, HOME, TMPDIR and LANG are always set by the sandbox).</summary>
    public static Dictionary<string, string> AllowedEnvironment(SandboxProfile profile)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in profile.Environment)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value && name is not ("PATH" or "HOME" or "TMPDIR" or "LANG"))
            {
                result[name] = value;
            }
        }

        return result;
    }

    private static void AddTopLevel(List<string> args, string name)
    {
        var path = "/" + name;
        var info = new FileInfo(path);
        if (info.LinkTarget is { } target)
        {
            args.AddRange(["--symlink", target, path]);
        }
        else if (Directory.Exists(path))
        {
            args.AddRange(["--ro-bind", path, path]);
        }
    }
}
