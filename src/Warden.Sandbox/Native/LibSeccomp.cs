using System.Runtime.InteropServices;

namespace Warden.Sandbox.Native;

/// <summary>The libseccomp calls that build a filter and export it as BPF (Debian's libseccomp2).</summary>
internal static partial class LibSeccomp
{
    private const string Library = "libseccomp.so.2";

    /// <summary>Allow the call.</summary>
    public const uint ActAllow = 0x7fff0000;

    /// <summary>Compare: not equal.</summary>
    public const int CmpNe = 1;

    /// <summary>Compare: (argument &amp; a) == b.</summary>
    public const int CmpMaskedEq = 7;

    /// <summary>Fail the call with <paramref name="errno"/>.</summary>
    public static uint ActErrno(int errno) => 0x00050000u | ((uint)errno & 0xffff);

    [LibraryImport(Library)]
    public static partial nint seccomp_init(uint defaultAction);

    [LibraryImport(Library)]
    public static unsafe partial int seccomp_rule_add_array(nint context, uint action, int syscall, uint count, ArgumentComparison* comparisons);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int seccomp_syscall_resolve_name(string name);

    [LibraryImport(Library)]
    public static partial int seccomp_export_bpf(nint context, int fd);

    [LibraryImport(Library)]
    public static partial void seccomp_release(nint context);

    /// <summary>struct scmp_arg_cmp.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public readonly record struct ArgumentComparison(uint Argument, int Operator, ulong A, ulong B);
}
