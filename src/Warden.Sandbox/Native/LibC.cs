using System.Runtime.InteropServices;

namespace Warden.Sandbox.Native;

/// <summary>The few libc calls the sandbox needs that .NET does not expose.</summary>
internal static partial class LibC
{
    /// <summary>fcntl: get or set the descriptor flags.</summary>
    public const int FGetFd = 1;

    /// <summary>fcntl: set the descriptor flags.</summary>
    public const int FSetFd = 2;

    /// <summary>Close on exec.</summary>
    public const int FdCloexec = 1;

    /// <summary>pipe2 flag: close on exec.</summary>
    public const int OCloexec = 0x80000;

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int pipe2(int* fds, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fcntl(int fd, int cmd, int arg);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int memfd_create(string name, uint flags);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial long lseek(int fd, long offset, int whence);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int prlimit(int pid, int resource, in RLimit newLimit, nint oldLimit);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int chown(string path, uint owner, uint group);

    [LibraryImport("libc")]
    public static partial uint geteuid();

    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int signal);

    [LibraryImport("libc")]
    public static partial int gettid();

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close_range(uint first, uint last, int flags);

    /// <summary>
    /// Marks every descriptor from 3 up close-on-exec, so that a child started next inherits none of
    /// Warden's (or of what Warden itself inherited: a listening socket, a supervisor's pipes) except
    /// those then cleared again with <see cref="Inherit"/>.
    /// </summary>
    public static void CloseOnExecFromThree()
    {
        const int CloseRangeCloexec = 4;
        if (close_range(3, uint.MaxValue, CloseRangeCloexec) == 0)
        {
            return;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            if (int.TryParse(Path.GetFileName(entry), out var fd) && fd >= 3)
            {
                fcntl(fd, FSetFd, FdCloexec);
            }
        }
    }

    /// <summary>The raw system call, which (unlike glibc's set*id wrappers) changes only the calling thread's credentials.</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static partial nint syscall(nint number, nint a, nint b, nint c);

    /// <summary>A resource limit: soft and hard.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public readonly record struct RLimit(ulong Current, ulong Maximum);

    /// <summary>Writes all of <paramref name="bytes"/> to <paramref name="fd"/>.</summary>
    public static unsafe void WriteAll(int fd, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            var done = 0;
            while (done < bytes.Length)
            {
                var n = write(fd, start + done, bytes.Length - done);
                if (n < 0)
                {
                    if (Marshal.GetLastPInvokeError() == 4)
                    {
                        continue; // EINTR
                    }

                    throw new IOException($"write failed: {Marshal.GetLastPInvokeErrorMessage()}");
                }

                done += (int)n;
            }
        }
    }

    /// <summary>A pipe; <paramref name="inheritedEnd"/> (0 = read end, 1 = write end) is left open across exec.</summary>
    public static unsafe (int Read, int Write) Pipe(int inheritedEnd)
    {
        var fds = stackalloc int[2];
        if (pipe2(fds, OCloexec) != 0)
        {
            throw new IOException($"pipe2 failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        Inherit(fds[inheritedEnd]);
        return (fds[0], fds[1]);
    }

    /// <summary>Clears close-on-exec, so that the next child started inherits <paramref name="fd"/>.</summary>
    public static void Inherit(int fd)
    {
        if (fcntl(fd, FSetFd, 0) != 0)
        {
            throw new IOException($"fcntl failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }
}
