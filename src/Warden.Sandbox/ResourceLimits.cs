using System.Globalization;
using System.Runtime.InteropServices;
using Warden.Policies;
using Warden.Sandbox.Native;

namespace Warden.Sandbox;

/// <summary>
/// The rlimits of a profile, set on the sandbox's first process while it waits to run the command, so
/// that everything it starts inherits them; without capabilities nothing inside can raise them again.
/// Soft and hard limits are set alike (CPU: hard one second later). Warden sets them from outside with
/// prlimit(2) when it may: when the sandbox runs as Warden's own account, or when Warden holds
/// CAP_SYS_RESOURCE. Otherwise (root in a container that dropped CAP_SYS_RESOURCE, the sandbox as
/// nobody) util-linux's <c>prlimit</c> sets them inside and then runs the command, at the price of one
/// more exec (about 1 ms).
/// </summary>
internal static class ResourceLimits
{
    private const int CpuLimit = 0;
    private const int FileSizeLimit = 1;
    private const int CoreLimit = 4;
    private const int ProcessLimit = 6;
    private const int OpenFilesLimit = 7;
    private const int AddressSpaceLimit = 9;
    private const int CapSysResource = 24;

    /// <summary>True when Warden may set the limits of the sandbox account's processes from outside.</summary>
    public static bool CanSetFromOutside(SandboxUser user) => !user.IsSeparate || HasCapability(CapSysResource);

    /// <summary>
    /// RLIMIT_NPROC for a profile: its processes plus the sandbox's pid 1 (counted in its user
    /// namespace), and one more where a pids cgroup counts them, so that the cgroup refuses first and
    /// the refusal shows in its counter (the rlimit is then the backstop).
    /// </summary>
    public static ulong ProcessLimitOf(SandboxProfile profile, bool cgroupCountsProcesses) =>
        (ulong)profile.Processes + (cgroupCountsProcesses ? 2UL : 1UL);

    /// <summary>Sets the limits on <paramref name="pid"/> with prlimit(2).</summary>
    public static void Apply(int pid, SandboxProfile profile, bool cgroupHoldsMemory, bool cgroupCountsProcesses = false)
    {
        foreach (var (_, resource, soft, hard) in Limits(profile, cgroupHoldsMemory, cgroupCountsProcesses))
        {
            Set(pid, resource, soft, hard);
        }
    }

    /// <summary>
    /// The one list both ways of setting the limits read: prlimit's option name, the resource number,
    /// the soft and the hard limit. CPU: SIGXCPU at the soft limit, SIGKILL a second later for a
    /// process that ignores it.
    /// </summary>
    private static (string Option, int Resource, ulong Soft, ulong Hard)[] Limits(SandboxProfile profile, bool cgroupHoldsMemory, bool cgroupCountsProcesses)
    {
        var cpu = (ulong)Math.Max(1, Math.Ceiling(profile.Cpu.TotalSeconds));
        var space = (ulong)AddressSpaceOf(profile, cgroupHoldsMemory);
        var processes = ProcessLimitOf(profile, cgroupCountsProcesses);
        return
        [
            ("cpu", CpuLimit, cpu, cpu + 1),
            ("as", AddressSpaceLimit, space, space),
            ("fsize", FileSizeLimit, (ulong)profile.FileSizeBytes, (ulong)profile.FileSizeBytes),
            ("nofile", OpenFilesLimit, (ulong)profile.OpenFiles, (ulong)profile.OpenFiles),
            ("nproc", ProcessLimit, processes, processes),
            ("core", CoreLimit, 0, 0),
        ];
    }

    /// <summary>Where prlimit is inside the sandbox (/usr is bound read-only).</summary>
    public const string Prlimit = "/usr/bin/prlimit";

    /// <summary>The address-space limit of <paramref name="profile"/>.</summary>
    public static long AddressSpaceOf(SandboxProfile profile, bool cgroupHoldsMemory) =>
        profile.AddressSpaceBytes ?? (cgroupHoldsMemory ? 2 * profile.MemoryBytes : profile.MemoryBytes);

    /// <summary><c>prlimit --cpu=... -- </c>: the words that go before the command.</summary>
    public static List<string> Prefix(SandboxProfile profile, bool cgroupHoldsMemory, bool cgroupCountsProcesses = false) =>
    [
        Prlimit,
        .. Limits(profile, cgroupHoldsMemory, cgroupCountsProcesses).Select(l => string.Create(CultureInfo.InvariantCulture, $"--{l.Option}={l.Soft}:{l.Hard}")),
        "--",
    ];

    private static void Set(int pid, int resource, ulong soft, ulong hard)
    {
        if (LibC.prlimit(pid, resource, new LibC.RLimit(soft, hard), 0) != 0)
        {
            throw new IOException($"setting resource limit {resource} on the sandbox failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    private static bool HasCapability(int capability)
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
            return line is not null && (ulong.Parse(line[7..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << capability)) != 0;
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return false;
        }
    }
}
