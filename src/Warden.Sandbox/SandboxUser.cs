using Warden.Sandbox.Native;

namespace Warden.Sandbox;

/// <summary>
/// The host account sandboxed processes run as. When Warden runs as root it is <c>nobody</c>: root is
/// exempt from the process limit, and a sandbox must never hold root's files by accident. Otherwise it
/// is Warden's own account.
/// </summary>
/// <param name="Name">The account name to start bubblewrap as, or null for Warden's own.</param>
/// <param name="UserId">Its uid.</param>
/// <param name="GroupId">Its gid.</param>
public sealed record SandboxUser(string? Name, uint UserId, uint GroupId)
{
    /// <summary>nobody (65534) when Warden is root, else Warden's own account.</summary>
    public static SandboxUser ForCurrentProcess()
    {
        var euid = LibC.geteuid();
        if (euid != 0)
        {
            return new SandboxUser(null, euid, euid);
        }

        foreach (var line in File.Exists("/etc/passwd") ? File.ReadLines("/etc/passwd") : [])
        {
            var fields = line.Split(':');
            if (fields.Length > 3 && fields[0] == "nobody" && uint.TryParse(fields[2], out var uid) && uint.TryParse(fields[3], out var gid))
            {
                return new SandboxUser("nobody", uid, gid);
            }
        }

        return new SandboxUser("nobody", 65534, 65534);
    }

    /// <summary>True when the sandbox runs as another account than Warden's own.</summary>
    public bool IsSeparate => Name is not null;

    /// <summary>Gives a folder Warden made to the sandbox account, so that a read-write workspace is writable inside.</summary>
    public void Own(string folder)
    {
        if (IsSeparate && LibC.chown(folder, UserId, GroupId) != 0)
        {
            throw new IOException($"cannot give the workspace '{folder}' to the sandbox user {Name} (uid {UserId})");
        }
    }
}
