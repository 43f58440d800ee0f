namespace Warden.Gateway.Tests;

/// <summary>The real MCP servers from npm that the tests put behind the gateway, and the inspector CLI as an agent (scripts/test.sh installs them in build/npm).</summary>
internal static class NpmServers
{
    /// <summary>The repository's root (the folder holding Warden.slnx).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>build/npm: the folder bound read-only into the upstreams' sandboxes.</summary>
    public static string Folder => Path.Combine(RepositoryRoot, "build", "npm");

    /// <summary>The entry point of <c>@modelcontextprotocol/server-everything</c>.</summary>
    public static string Everything => Require(Path.Combine(Folder, "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js"));

    /// <summary>The entry point of <c>@modelcontextprotocol/server-filesystem</c>.</summary>
    public static string Filesystem => Require(Path.Combine(Folder, "node_modules", "@modelcontextprotocol", "server-filesystem", "dist", "index.js"));

    /// <summary>The entry point of <c>@modelcontextprotocol/inspector-cli</c>, an MCP client used as an agent (run from its build/ folder).</summary>
    public static string InspectorCli => Require(Path.Combine(Folder, "node_modules", "@modelcontextprotocol", "inspector-cli", "build", "cli.js"));

    /// <summary>Debian's Node.js, under /usr so that sandboxes see it.</summary>
    public static string Node => Require("/usr/bin/node");

    private static string Require(string path) => File.Exists(path)
        ? path
        : throw new InvalidOperationException($"'{path}' is missing: run scripts/test.sh, which installs Node.js and the pinned MCP servers (npm install --prefix build/npm ...)");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Warden.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("the tests do not run from inside the repository");
    }
}
