using System.Globalization;
using Warden.Policies;

namespace Warden.Sandbox;

/// <summary>
/// The rlimits of a profile. They are set inside the sandbox by util-linux's <c>prlimit</c>, which then
/// runs the command: setting them from outside needs CAP_SYS_RESOURCE, which containers usually drop,
/// whereas lowering one's own limits needs nothing. Soft and hard limits are set alike (CPU: hard one
/// second later), and without capabilities nothing inside can raise them again.
/// </summary>
internal static class ResourceLimits
{
    /// <summary>Where prlimit is inside the sandbox (/usr is bound read-only).</summary>
    public const string Prlimit = "/usr/bin/prlimit";

    /// <summary>The address-space limit of <paramref name="profile"/>.</summary>
    public static long AddressSpaceOf(SandboxProfile profile, bool cgroupHoldsMemory) =>
        profile.AddressSpaceBytes ?? (cgroupHoldsMemory ? 2 * profile.MemoryBytes : profile.MemoryBytes);

    /// <summary><c>prlimit --cpu=... -- </c>: the words that go before the command.</summary>
    public static List<string> Prefix(SandboxProfile profile, bool cgroupHoldsMemory)
    {
        // SIGXCPU at the soft limit, SIGKILL a second later for a process that ignores it.
        var cpu = (long)Math.Max(1, Math.Ceiling(profile.Cpu.TotalSeconds));
        return
        [
            Prlimit,
            $"--cpu={cpu}:{cpu + 1}",
            Both("as", AddressSpaceOf(profile, cgroupHoldsMemory)),
            Both("fsize", profile.FileSizeBytes),
            Both("nofile", profile.OpenFiles),
            Both("nproc", profile.Processes),
            "--core=0:0",
            "--",
        ];
    }

    private static string Both(string name, long value) => string.Create(CultureInfo.InvariantCulture, $"--{name}={value}:{value}");
}
