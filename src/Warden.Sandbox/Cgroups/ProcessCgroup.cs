using Warden.Sandbox.Native;

namespace Warden.Sandbox.Cgroups;

/// <summary>
/// The cgroup(s) one sandboxed process tree runs in: a memory limit (no swap beyond it) and a process
/// limit. It counts what the kernel refused, so that the end of a run can name the limit it hit,
/// kills every process still inside, and removes itself when disposed.
/// </summary>
internal sealed class ProcessCgroup : IDisposable
{
    private readonly CgroupHierarchy _hierarchy;
    private readonly string _memory;
    private readonly string? _pids;

    private ProcessCgroup(CgroupHierarchy hierarchy, string memory, string? pids)
    {
        _hierarchy = hierarchy;
        _memory = memory;
        _pids = pids;
    }

    /// <summary>Makes a cgroup with these limits, or returns null when the machine has none to offer.</summary>
    public static ProcessCgroup? TryCreate(long memoryBytes, int processes)
    {
        if (CgroupHierarchy.Current is not { } hierarchy)
        {
            return null;
        }

        var name = $"run-{Environment.ProcessId}-{Guid.NewGuid():N}";
        var memory = Path.Combine(hierarchy.MemoryParent, name);
        var pids = hierarchy.PidsParent is { } pidsParent ? Path.Combine(pidsParent, name) : null;
        var group = new ProcessCgroup(hierarchy, memory, pids);
        try
        {
            Directory.CreateDirectory(memory);
            if (hierarchy.Version == 2)
            {
                File.WriteAllText(Path.Combine(memory, "memory.max"), memoryBytes.ToString());
                TryWrite(Path.Combine(memory, "memory.swap.max"), "0");
                File.WriteAllText(Path.Combine(memory, "pids.max"), processes.ToString());
            }
            else
            {
                File.WriteAllText(Path.Combine(memory, "memory.limit_in_bytes"), memoryBytes.ToString());
                TryWrite(Path.Combine(memory, "memory.memsw.limit_in_bytes"), memoryBytes.ToString());
                if (pids is not null)
                {
                    Directory.CreateDirectory(pids);
                    File.WriteAllText(Path.Combine(pids, "pids.max"), processes.ToString());
                }
            }

            return group;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            group.Dispose();
            return null;
        }
    }

    /// <summary>Moves <paramref name="pid"/> (and what it starts from now on) into the cgroup.</summary>
    public void Add(int pid)
    {
        File.WriteAllText(Path.Combine(_memory, "cgroup.procs"), pid.ToString());
        if (_pids is not null)
        {
            File.WriteAllText(Path.Combine(_pids, "cgroup.procs"), pid.ToString());
        }
    }

    /// <summary>Processes the kernel's OOM killer ended inside the cgroup.</summary>
    public long OomKills => Counter(Path.Combine(_memory, _hierarchy.Version == 2 ? "memory.events" : "memory.oom_control"), "oom_kill");

    /// <summary>Forks refused because the process limit was reached.</summary>
    public long ProcessLimitHits => Counter(Path.Combine(_pids ?? _memory, "pids.events"), "max");

    /// <summary>Sends SIGKILL to every process in the cgroup.</summary>
    public void KillAll()
    {
        foreach (var folder in Folders())
        {
            var procs = Path.Combine(folder, "cgroup.procs");
            if (!File.Exists(procs))
            {
                continue;
            }

            foreach (var line in ReadLines(procs))
            {
                if (int.TryParse(line, out var pid))
                {
                    LibC.kill(pid, 9);
                }
            }
        }
    }

    /// <summary>Kills what is left and removes the cgroup (retrying briefly while the kernel reaps).</summary>
    public void Dispose()
    {
        foreach (var folder in Folders())
        {
            for (var attempt = 0; attempt < 50 && Directory.Exists(folder); attempt++)
            {
                try
                {
                    Directory.Delete(folder);
                }
                catch (IOException)
                {
                    KillAll();
                    Thread.Sleep(10);
                }
                catch (UnauthorizedAccessException)
                {
                    break;
                }
            }
        }
    }

    private IEnumerable<string> Folders() => _pids is null ? [_memory] : [_memory, _pids];

    private static long Counter(string file, string key)
    {
        foreach (var line in ReadLines(file))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[0] == key && long.TryParse(parts[1], out var value))
            {
                return value;
            }
        }

        return 0;
    }

    private static string[] ReadLines(string file)
    {
        try
        {
            return File.ReadAllLines(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static void TryWrite(string file, string value)
    {
        try
        {
            File.WriteAllText(file, value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // memsw / swap accounting is absent when the kernel runs without swap accounting.
        }
    }
}
