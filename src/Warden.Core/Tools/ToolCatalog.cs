using System.Collections.Frozen;

namespace Warden.Tools;

/// <summary>The in-process tools the gate can run, by name.</summary>
public sealed class ToolCatalog
{
    private readonly FrozenDictionary<string, InProcessTool> _tools;

    /// <summary>Creates a catalog; names must be unique.</summary>
    /// <exception cref="ArgumentException">Two tools share a name.</exception>
    public ToolCatalog(IEnumerable<InProcessTool> tools)
    {
        var byName = new Dictionary<string, InProcessTool>(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            if (!byName.TryAdd(tool.Name, tool))
            {
                throw new ArgumentException($"Two tools are named '{tool.Name}'.", nameof(tools));
            }
        }

        _tools = byName.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>An empty catalog.</summary>
    public static ToolCatalog Empty { get; } = new([]);

    /// <summary>The tools, in no particular order.</summary>
    public IEnumerable<InProcessTool> Tools => _tools.Values;

    /// <summary>Finds a tool by name.</summary>
    public bool TryGet(string name, out InProcessTool tool) => _tools.TryGetValue(name, out tool!);
}
