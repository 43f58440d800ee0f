using System.Collections.Frozen;

namespace Warden.Policies;

/// <summary>
/// The three built-in roles and their capability matrix: READER reads documents, email and the
/// calendar; WORKER also writes documents and browses; ADMIN also deletes. None may make purchases
/// or modify the system; a policy grants those only through a role of its own.
/// </summary>
public static class BuiltInRoles
{
    /// <summary>The least privileged role, and the one to start agents at.</summary>
    public const string ReaderName = "READER";

    /// <summary>READER plus writing documents and browsing.</summary>
    public const string WorkerName = "WORKER";

    /// <summary>WORKER plus deleting documents.</summary>
    public const string AdminName = "ADMIN";

    /// <summary>READER's role.</summary>
    public static Role Reader { get; } = Make(ReaderName, null, Capabilities.DocumentsRead, Capabilities.EmailAccess, Capabilities.CalendarAccess);

    /// <summary>WORKER's role.</summary>
    public static Role Worker { get; } = Make(WorkerName, Reader, Capabilities.DocumentsWrite, Capabilities.InternetBrowse);

    /// <summary>ADMIN's role.</summary>
    public static Role Admin { get; } = Make(AdminName, Worker, Capabilities.DocumentsDelete);

    /// <summary>The three roles by name.</summary>
    public static FrozenDictionary<string, Role> All { get; } = new[] { Reader, Worker, Admin }
        .ToFrozenDictionary(role => role.Name, StringComparer.Ordinal);

    private static Role Make(string name, Role? parent, params string[] own)
    {
        var capabilities = new HashSet<string>(own, StringComparer.Ordinal);
        if (parent is not null)
        {
            capabilities.UnionWith(parent.Capabilities);
        }

        IReadOnlyList<string> inherits = parent is null ? [] : [parent.Name];
        return new Role(name, capabilities.ToFrozenSet(StringComparer.Ordinal), inherits, true);
    }

}
