using Warden.Policies;
using Warden.Sandbox.Tests.Support;
using static Warden.Sandbox.Tests.Support.Sandboxes;

namespace Warden.Sandbox.Tests;

/// <summary>Escape attempts through the file system: each names the protection it checks.</summary>
public sealed class FilesystemContainmentTests
{
    private static readonly SandboxProfile ReadWrite = SandboxProfile.Default with { Workspace = "rw" };

    [Fact]
    public async Task Etc_shadow_is_not_in_the_sandbox()
    {
        Assert.True(File.Exists("/etc/shadow"));

        var result = await Attempt("cat /etc/shadow; ls /etc");

        Assert.Contains("No such file", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("passwd", result.Stdout, StringComparison.Ordinal); // only the linker cache and alternatives
    }

    [Fact]
    public async Task The_hosts_home_is_not_in_the_sandbox()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var secret = Path.Combine(home, $".warden-test-secret-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(secret, "host secret", Ct);
        try
        {
            var result = await Attempt($"cat '{secret}'; ls -a '{home}'");

            Assert.NotEqual(0, result.ExitCode);
            Assert.DoesNotContain("host secret", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("No such file", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public async Task System_folders_are_read_only_and_host_folders_outside_the_workspace_are_absent()
    {
        using var hostFolder = new TestFolder("warden-host-");
        var result = await Attempt($"echo x > /usr/pwned; echo x > /usr/bin/pwned; echo x > '{hostFolder.Path}/pwned'; echo done");

        Assert.Contains("Read-only file system", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("nonexistent", result.Stderr, StringComparison.Ordinal); // the host's /tmp folder is not there
        Assert.False(File.Exists("/usr/pwned"));
        Assert.False(File.Exists("/usr/bin/pwned"));
        Assert.Empty(Directory.GetFileSystemEntries(hostFolder.Path));
    }

    [Fact]
    public async Task The_workspace_is_the_one_writable_host_folder()
    {
        using var workspace = Workspace();
        var result = await Attempt("echo made inside > /workspace/out.txt && pwd", ReadWrite, workspace);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("/workspace", result.Stdout.Trim());
        Assert.Equal("made inside\n", await File.ReadAllTextAsync(Path.Combine(workspace, "out.txt"), Ct));
    }

    [Fact]
    public async Task A_read_only_workspace_refuses_writes()
    {
        using var workspace = Workspace();
        await File.WriteAllTextAsync(Path.Combine(workspace, "in.txt"), "given", Ct);
        var result = await Attempt("cat /workspace/in.txt; echo x > /workspace/in.txt; rm /workspace/in.txt", SandboxProfile.Default with { Workspace = "ro" }, workspace);

        Assert.Equal("given", result.Stdout.Trim());
        Assert.Contains("Read-only file system", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("given", await File.ReadAllTextAsync(Path.Combine(workspace, "in.txt"), Ct));
    }

    [Fact]
    public async Task A_symlink_in_the_workspace_does_not_lead_out_of_it()
    {
        using var workspace = Workspace();
        using var hostFolder = new TestFolder("warden-host-");
        var secret = Path.Combine(hostFolder, "secret.txt");
        await File.WriteAllTextAsync(secret, "host secret", Ct);
        File.CreateSymbolicLink(Path.Combine(workspace, "escape"), secret);
        File.CreateSymbolicLink(Path.Combine(workspace, "root"), "/");
        var result = await Attempt("cat /workspace/escape; cat /workspace/root/etc/shadow; ls /workspace/root/", ReadWrite, workspace);

        Assert.DoesNotContain("host secret", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("No such file", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("root", result.Stdout.Split('\n'), StringComparer.Ordinal); // the sandbox's own /, not the host's
    }

    [Fact]
    public async Task Writes_to_dev_reach_only_the_sandboxs_private_dev()
    {
        var name = $"warden-{Guid.NewGuid():N}";
        var result = await Attempt($"ls /dev; echo x > /dev/sda; echo x > /dev/mem; cat /dev/kmsg; echo x > /dev/{name}");

        var devices = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain("sda", devices);
        Assert.DoesNotContain("mem", devices);
        Assert.DoesNotContain("kmsg", devices);
        Assert.Contains("null", devices);
        Assert.False(File.Exists($"/dev/{name}"));
        Assert.False(File.Exists("/dev/sda") && new FileInfo("/dev/sda").Length > 0 && File.ReadAllText("/dev/sda") == "x\n");
    }

    [Fact]
    public async Task A_setuid_binary_does_not_raise_privileges()
    {
        using var workspace = Workspace();
        var copy = Path.Combine(workspace, "id");
        File.Copy("/usr/bin/id", copy);
        File.SetUnixFileMode(copy, UnixFileMode.SetUser | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var result = await Attempt("/workspace/id -u; /workspace/id -ru", SandboxProfile.Default with { Workspace = "ro" }, workspace);

        Assert.Equal(0, result.ExitCode);
        Assert.All(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), uid => Assert.NotEqual("0", uid));
    }

    [Fact]
    public async Task A_file_past_the_size_limit_is_stopped_by_SIGXFSZ()
    {
        using var workspace = Workspace();
        var profile = ReadWrite with { FileSizeBytes = 1024 * 1024 };
        var result = await Attempt("head -c 50000000 /dev/zero > /workspace/big", profile, workspace);

        Assert.Equal(SandboxLimit.FileSize, result.Limit);
        Assert.Equal(25, result.Signal);
        Assert.True(new FileInfo(Path.Combine(workspace, "big")).Length <= 1024 * 1024);
        Assert.Contains("file-size limit (1 MiB)", result.Describe(profile, null), StringComparison.Ordinal);
    }
}
