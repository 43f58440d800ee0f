using Warden.Policies;

namespace Warden.Sandbox.Tests.Support;

/// <summary>One executor for the tests, and helpers to run shell and Python snippets in it.</summary>
internal static class Sandboxes
{
    public static readonly SandboxExecutor Executor = new();

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Runs <c>/bin/sh -c <paramref name="script"/></c>.</summary>
    public static Task<SandboxResult> Shell(string script, SandboxProfile? profile = null, string? workspace = null, TimeSpan? timeout = null) =>
        Run(["/bin/sh", "-c", script], profile, workspace, timeout);

    /// <summary>Runs <c>/bin/sh -c <paramref name="script"/></c> and checks that the host stayed healthy.</summary>
    public static async Task<SandboxResult> Attempt(string script, SandboxProfile? profile = null, string? workspace = null, TimeSpan? timeout = null)
    {
        var marker = $"warden-attempt-{Guid.NewGuid():N}";
        var result = await Run(["/bin/sh", "-c", $": {marker}; {script}"], profile, workspace, timeout);
        HostHealth.AssertHealthy(marker);
        return result;
    }

    /// <summary>Runs Debian's python3 with <paramref name="code"/>.</summary>
    public static async Task<SandboxResult> Python(string code, SandboxProfile? profile = null, string? workspace = null, TimeSpan? timeout = null)
    {
        var marker = $"warden-attempt-{Guid.NewGuid():N}";
        var result = await Run(["/usr/bin/python3", "-c", $"# {marker}\n{code}"], profile, workspace, timeout);
        HostHealth.AssertHealthy(marker);
        return result;
    }

    public static async Task<SandboxResult> Run(string[] command, SandboxProfile? profile = null, string? workspace = null, TimeSpan? timeout = null)
    {
        Assert.Null(Executor.Unavailable);
        var request = new SandboxRequest(command, profile ?? SandboxProfile.Default) { Workspace = workspace, Timeout = timeout ?? TimeSpan.FromSeconds(20) };
        return await Executor.RunAsync(request, Ct);
    }

    /// <summary>A fresh folder the sandbox account may write to, removed when disposed.</summary>
    public static TestFolder Workspace()
    {
        var folder = new TestFolder("warden-test-ws-");
        Executor.User.Own(folder.Path);
        return folder;
    }

    /// <summary>A libc call from Python: prints the errno it failed with, or "ok".</summary>
    public static string Syscall(string call) => $$"""
        import ctypes, os
        libc = ctypes.CDLL(None, use_errno=True)
        r = {{call}}
        print("ok" if r >= 0 else os.strerror(ctypes.get_errno()))
        """;
}
