using Warden.Sandbox.Native;

namespace Warden.Sandbox.Seccomp;

/// <summary>
/// The seccomp filter every sandboxed process runs under, built with libseccomp and handed to
/// bubblewrap as BPF. It allows everything except the calls below, which fail with EPERM: debugging
/// other processes, mounting, loading kernels, modules and BPF programs, the kernel keyring,
/// performance counters, new namespaces, io_uring (whose requests would bypass this filter), and
/// a few more that no tool needs. When the network is <c>none</c> it also refuses sockets of any
/// family but AF_UNIX.
/// </summary>
internal static class SeccompFilter
{
    /// <summary>System calls refused with EPERM.</summary>
    public static readonly IReadOnlyList<string> Blocked =
    [
        "ptrace", "process_vm_readv", "process_vm_writev", "kcmp",
        "mount", "umount2", "pivot_root", "chroot", "fsopen", "fsmount", "fsconfig", "fspick", "move_mount", "open_tree", "mount_setattr",
        "kexec_load", "kexec_file_load", "reboot", "init_module", "finit_module", "delete_module",
        "bpf", "perf_event_open", "userfaultfd",
        "keyctl", "add_key", "request_key",
        "unshare", "setns",
        "io_uring_setup", "io_uring_enter", "io_uring_register",
        "open_by_handle_at", "name_to_handle_at", "quotactl", "acct", "swapon", "swapoff", "syslog",
        "settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "iopl", "ioperm", "vhangup", "uselib", "lookup_dcookie",
    ];

    private static readonly HashSet<string> NotOnEveryArchitecture = new(StringComparer.Ordinal) { "iopl", "ioperm", "uselib" };

    private const int EPerm = 1;
    private const int ENoSys = 38;
    private const int EAfNoSupport = 97;
    private const ulong AfUnix = 1;

    /// <summary>The namespace flags of clone(2): a sandboxed process may not make new namespaces.</summary>
    private static readonly ulong[] NamespaceFlags = [0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000, 0x00000080];

    private static readonly Lazy<byte[]> Isolated = new(() => Build(allowNetworkSockets: false));
    private static readonly Lazy<byte[]> Networked = new(() => Build(allowNetworkSockets: true));

    /// <summary>The BPF program for a profile's network setting (built once per setting).</summary>
    public static byte[] For(bool allowNetworkSockets) => allowNetworkSockets ? Networked.Value : Isolated.Value;

    /// <summary>Null when libseccomp can be loaded; otherwise why not.</summary>
    public static string? Unavailable()
    {
        try
        {
            _ = Isolated.Value;
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException or IOException)
        {
            return $"the seccomp filter cannot be built: {e.Message} (install Debian's libseccomp2)";
        }
    }

    private static unsafe byte[] Build(bool allowNetworkSockets)
    {
        var context = LibSeccomp.seccomp_init(LibSeccomp.ActAllow);
        if (context == 0)
        {
            throw new InvalidOperationException("seccomp_init failed");
        }

        try
        {
            foreach (var name in Blocked)
            {
                Add(context, LibSeccomp.ActErrno(EPerm), name, []);
            }

            // Without clone3 (whose flags sit in memory a filter cannot read) the C library falls back
            // to clone, whose flags the filter checks.
            Add(context, LibSeccomp.ActErrno(ENoSys), "clone3", []);
            foreach (var flag in NamespaceFlags)
            {
                Add(context, LibSeccomp.ActErrno(EPerm), "clone", [new LibSeccomp.ArgumentComparison(0, LibSeccomp.CmpMaskedEq, flag, flag)]);
            }

            if (!allowNetworkSockets)
            {
                Add(context, LibSeccomp.ActErrno(EAfNoSupport), "socket", [new LibSeccomp.ArgumentComparison(0, LibSeccomp.CmpNe, AfUnix, 0)]);
            }

            var fd = LibC.memfd_create("warden-seccomp-build", 1);
            if (fd < 0)
            {
                throw new IOException("memfd_create failed");
            }

            try
            {
                if (LibSeccomp.seccomp_export_bpf(context, fd) != 0)
                {
                    throw new InvalidOperationException("seccomp_export_bpf failed");
                }

                var length = LibC.lseek(fd, 0, 2);
                LibC.lseek(fd, 0, 0);
                var bytes = new byte[length];
                fixed (byte* start = bytes)
                {
                    var done = 0L;
                    while (done < length)
                    {
                        var n = LibC.read(fd, start + done, (nint)(length - done));
                        if (n <= 0)
                        {
                            throw new IOException("reading the exported filter failed");
                        }

                        done += n;
                    }
                }

                return bytes;
            }
            finally
            {
                LibC.close(fd);
            }
        }
        finally
        {
            LibSeccomp.seccomp_release(context);
        }
    }

    private static unsafe void Add(nint context, uint action, string name, ReadOnlySpan<LibSeccomp.ArgumentComparison> comparisons)
    {
        var number = LibSeccomp.seccomp_syscall_resolve_name(name);
        if (number < 0 && NotOnEveryArchitecture.Contains(name))
        {
            return; // x86-only calls (iopl, ioperm, uselib) do not exist elsewhere
        }

        if (number < 0)
        {
            // An old libseccomp that does not know a call would leave it open: refuse to build the filter.
            throw new InvalidOperationException($"libseccomp does not know the system call '{name}' (too old?)");
        }

        fixed (LibSeccomp.ArgumentComparison* first = comparisons)
        {
            var result = LibSeccomp.seccomp_rule_add_array(context, action, number, (uint)comparisons.Length, first);
            if (result != 0)
            {
                throw new InvalidOperationException($"seccomp_rule_add for {name} failed ({result})");
            }
        }
    }
}
