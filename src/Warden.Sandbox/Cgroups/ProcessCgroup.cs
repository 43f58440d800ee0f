using Warden.Sandbox.Native;

namespace Warden.Sandbox.Cgroups;

/// <summary>
/// The cgroup(s) one sandboxed process tree runs in: a memory limit (no swap beyond it) and a process
/// limit. It counts what the kernel refused, so that the end of a run can name the limit it hit,
/// kills every process still inside, and removes itself when disposed. Empty cgroups are reused
/// (<see cref="CgroupPool"/>): making and removing one costs more than the rest of a sandbox's setup.
/// </summary>
internal sealed class ProcessCgroup : IDisposable
{
    private readonly CgroupHierarchy _hierarchy;
    private readonly string _memory;
    private readonly string? _pids;
    private long _oomKillsBefore;
    private long _processLimitHitsBefore;
    private CgroupThread? _spawner;

    private ProcessCgroup(CgroupHierarchy hierarchy, string memory, string? pids)
    {
        _hierarchy = hierarchy;
        _memory = memory;
        _pids = pids;
    }

    /// <summary>The prefix of the folders this process makes: <c>run-PID-</c>.</summary>
    public static string NamePrefix => $"run-{Environment.ProcessId}-";

    /// <summary>Makes an empty cgroup (no limits yet), or returns null when the machine has none to offer.</summary>
    public static ProcessCgroup? TryCreate()
    {
        if (CgroupHierarchy.Current is not { } hierarchy)
        {
            return null;
        }

        var name = $"{NamePrefix}{Guid.NewGuid():N}";
        var memory = Path.Combine(hierarchy.MemoryParent, name);
        var pids = hierarchy.PidsParent is { } pidsParent ? Path.Combine(pidsParent, name) : null;
        var group = new ProcessCgroup(hierarchy, memory, pids);
        try
        {
            Directory.CreateDirectory(memory);
            if (pids is not null)
            {
                Directory.CreateDirectory(pids);
            }

            if (hierarchy.Version == 1)
            {
                try
                {
                    group._spawner = new CgroupThread([.. group.Folders()]);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // No thread inside: processes are moved in after their start instead.
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

    /// <summary>Sets the limits for the next run and notes the counters, so that only this run's hits are reported.</summary>
    public bool TrySetLimits(long memoryBytes, int processes)
    {
        try
        {
            if (_hierarchy.Version == 2)
            {
                File.WriteAllText(Path.Combine(_memory, "memory.max"), memoryBytes.ToString());
                TryWrite(Path.Combine(_memory, "memory.swap.max"), "0");
                File.WriteAllText(Path.Combine(_memory, "pids.max"), (processes + 2).ToString());
            }
            else if (_spawner is not null && _pids is not null)
            {
                SetV1(memoryBytes);
                // + the spawner thread, bubblewrap's outer process and the sandbox's pid 1.
                File.WriteAllText(Path.Combine(_pids, "pids.max"), (processes + 3).ToString());
            }
            else
            {
                SetV1(memoryBytes);
                if (_pids is not null)
                {
                    // + bubblewrap's outer process and the sandbox's pid 1.
                    File.WriteAllText(Path.Combine(_pids, "pids.max"), (processes + 2).ToString());
                }
            }

            _oomKillsBefore = RawOomKills;
            _processLimitHitsBefore = RawProcessLimitHits;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LastError = e.Message;
            return false;
        }
    }

    /// <summary>Why the last <see cref="TrySetLimits"/> failed.</summary>
    public string? LastError { get; private set; }

    /// <summary>
    /// True when no process but Warden's own spawner thread is inside and the kernel counts no other
    /// against the process limit (the cgroup can be reused). A killed process leaves cgroup.procs at
    /// once but stays counted until its parent reaps it; one reaped late by the machine's init (an
    /// orphan of a killed sandbox) would otherwise eat into the next run's limit, whose first fork
    /// would then fail.
    /// </summary>
    public bool IsEmpty => Folders().All(f => Members(f).Count == 0) && CountedProcesses <= (_spawner is null ? 0 : 1);

    /// <summary>The tasks the kernel counts against the process limit (pids.current), 0 where nothing counts.</summary>
    public long CountedProcesses => CountsProcesses ? Number(Path.Combine(_pids ?? _memory, "pids.current")) : 0;

    /// <summary>True when the cgroup limits the number of processes (a v1 pids folder, or v2).</summary>
    public bool CountsProcesses => _pids is not null || _hierarchy.Version == 2;

    /// <summary>True when processes started through <see cref="Start{T}"/> are born inside (no move needed).</summary>
    public bool BornInside => _spawner is not null;

    /// <summary>Runs <paramref name="start"/> (which starts a process) so that the process is born inside the cgroup where possible.</summary>
    public T Start<T>(Func<T> start) => _spawner is { } spawner ? spawner.Run(start) : start();

    /// <summary>Moves <paramref name="pid"/> (and what it starts from now on) into the cgroup.</summary>
    public void Add(int pid)
    {
        File.WriteAllText(Path.Combine(_memory, "cgroup.procs"), pid.ToString());
        if (_pids is not null)
        {
            File.WriteAllText(Path.Combine(_pids, "cgroup.procs"), pid.ToString());
        }
    }

    /// <summary>True when <paramref name="pid"/> is inside every controller's folder of this cgroup.</summary>
    public bool Holds(int pid) => Folders().All(f => Members(f).Contains(pid));

    /// <summary>Processes the kernel's OOM killer ended inside the cgroup since the limits were set.</summary>
    public long OomKills => RawOomKills - _oomKillsBefore;

    /// <summary>Forks refused because the process limit was reached since the limits were set.</summary>
    public long ProcessLimitHits => RawProcessLimitHits - _processLimitHitsBefore;

    private long RawOomKills => Counter(Path.Combine(_memory, _hierarchy.Version == 2 ? "memory.events" : "memory.oom_control"), "oom_kill");

    private long RawProcessLimitHits => Counter(Path.Combine(_pids ?? _memory, "pids.events"), "max");

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

            foreach (var pid in Members(folder))
            {
                LibC.kill(pid, 9);
            }
        }
    }

    /// <summary>Kills what is left and removes the cgroup (retrying briefly while the kernel reaps).</summary>
    public void Dispose()
    {
        _spawner?.Dispose(); // the thread leaves the cgroup as it ends
        _spawner = null;
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

    /// <summary>The processes in <paramref name="folder"/>, never Warden itself (whose spawner thread may be there).</summary>
    private static List<int> Members(string folder) => ReadLines(Path.Combine(folder, "cgroup.procs"))
        .Select(line => int.TryParse(line, out var pid) ? pid : 0)
        .Where(pid => pid > 0 && pid != Environment.ProcessId)
        .ToList();

    private void SetV1(long memoryBytes)
    {
        // memsw must stay at or above the memory limit: lift it, set the limit, then bring it down.
        var memsw = Path.Combine(_memory, "memory.memsw.limit_in_bytes");
        TryWrite(memsw, "-1");
        File.WriteAllText(Path.Combine(_memory, "memory.limit_in_bytes"), memoryBytes.ToString());
        TryWrite(memsw, memoryBytes.ToString());
    }

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

    private static long Number(string file) =>
        ReadLines(file) is [var line, ..] && long.TryParse(line, out var value) ? value : 0;

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
