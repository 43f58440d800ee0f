namespace Warden.Sandbox.Cgroups;

/// <summary>
/// Where this machine lets Warden make cgroups: cgroup v2 with the memory controller, else the v1
/// memory (and pids) hierarchies, else none (then the rlimits alone bound the sandbox).
/// </summary>
/// <param name="Version">2 or 1.</param>
/// <param name="MemoryParent">The folder new memory cgroups go under (v2: the only folder).</param>
/// <param name="PidsParent">The v1 pids folder, or null.</param>
internal sealed record CgroupHierarchy(int Version, string MemoryParent, string? PidsParent)
{
    private static readonly Lazy<(CgroupHierarchy? Hierarchy, string Reason)> Detected = new(Detect);

    /// <summary>The hierarchy found on this machine, or null.</summary>
    public static CgroupHierarchy? Current => Detected.Value.Hierarchy;

    /// <summary>What was found, in words, for <c>warden sandbox</c>'s report.</summary>
    public static string Description => Detected.Value.Reason;

    private static (CgroupHierarchy?, string) Detect()
    {
        var mounts = File.Exists("/proc/self/mounts") ? File.ReadAllLines("/proc/self/mounts") : [];
        var unified = mounts.Select(l => l.Split(' ')).FirstOrDefault(f => f.Length > 2 && f[2] == "cgroup2")?[1];
        if (unified is not null && TryV2(unified) is { } v2)
        {
            return (v2, $"cgroup v2 at {unified} (memory, pids)");
        }

        var memory = V1Mount(mounts, "memory");
        if (memory is not null && TryMakeParent(Path.Combine(memory, "warden")) is { } memoryParent)
        {
            var pids = V1Mount(mounts, "pids") is { } pidsMount ? TryMakeParent(Path.Combine(pidsMount, "warden")) : null;
            return (new CgroupHierarchy(1, memoryParent, pids), $"cgroup v1 memory{(pids is null ? string.Empty : " and pids")} at {memoryParent}");
        }

        return (null, "no writable memory cgroup (memory is bounded by the address-space rlimit only)");
    }

    private static CgroupHierarchy? TryV2(string root)
    {
        try
        {
            if (!File.ReadAllText(Path.Combine(root, "cgroup.controllers")).Split(' ', '\n').Contains("memory"))
            {
                return null;
            }

            var parent = Path.Combine(root, "warden");
            Directory.CreateDirectory(parent);
            File.WriteAllText(Path.Combine(root, "cgroup.subtree_control"), "+memory +pids");
            File.WriteAllText(Path.Combine(parent, "cgroup.subtree_control"), "+memory +pids");
            return new CgroupHierarchy(2, parent, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? V1Mount(string[] mounts, string controller) => mounts
        .Select(l => l.Split(' '))
        .FirstOrDefault(f => f.Length > 3 && f[2] == "cgroup" && f[3].Split(',').Contains(controller))?[1];

    private static string? TryMakeParent(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, $"probe-{Environment.ProcessId}");
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
