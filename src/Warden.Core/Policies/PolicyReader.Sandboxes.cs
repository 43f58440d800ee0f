using System.Collections.Frozen;
using Warden.Policies.Yaml;

namespace Warden.Policies;

/// <summary>Reads <c>sandboxes:</c> (named profiles), a tool's or upstream's <c>sandbox:</c> and a tool's <c>command:</c>.</summary>
internal sealed partial class PolicyReader
{
    private static readonly FrozenSet<string> SandboxKeys = FrozenSet.Create(
        StringComparer.Ordinal,
        "network", "workspace", "cpu", "memory", "address_space", "processes", "open_files", "file_size", "output", "env", "read_only");

    /// <summary>Named profiles; <c>default</c> is always there (the built-in one unless the policy redefines it).</summary>
    private readonly Dictionary<string, SandboxProfile> _sandboxes = new(StringComparer.Ordinal) { [SandboxProfile.Default.Name] = SandboxProfile.Default };

    private void ReadSandboxes(YamlNode? node)
    {
        if (node is null || AsMapping(node, "sandboxes", "sandboxes") is not { } mapping)
        {
            return;
        }

        foreach (var (key, value) in NamedEntries(mapping, "sandboxes", "sandbox profile"))
        {
            if (ReadProfile(value, $"sandboxes.{key.Value}", key.Value) is { } profile)
            {
                _sandboxes[key.Value] = profile;
            }
        }
    }

    /// <summary>A <c>sandbox:</c> value: the name of a profile, or a profile written in place.</summary>
    private SandboxProfile? ReadSandbox(YamlNode node, string path)
    {
        if (node is YamlScalar { Value.Length: > 0 } name)
        {
            return _sandboxes.TryGetValue(name.Value, out var named)
                ? named
                : Fail<SandboxProfile?>(node, path, $"unknown sandbox profile '{name.Value}': define it under 'sandboxes:' or use {string.Join(", ", _sandboxes.Keys.Order(StringComparer.Ordinal))}", null);
        }

        return ReadProfile(node, path, path);
    }

    private SandboxProfile? ReadProfile(YamlNode node, string path, string name)
    {
        if (AsMapping(node, path, "sandbox") is not { } body)
        {
            return null;
        }

        var profile = SandboxProfile.Default with { Name = name };
        foreach (var (field, value) in Entries(body, path, SandboxKeys))
        {
            profile = ReadProfileField(profile, field, value, $"{path}.{field}");
        }

        return profile;
    }

    private SandboxProfile ReadProfileField(SandboxProfile profile, string field, YamlNode value, string path) => field switch
    {
        "network" => AsString(value, path) switch
        {
            null => profile,
            var network when network is "none" or "host" => profile with { Network = network },
            var other => Fail(value, path, $"network must be 'none' or 'host', not '{other}'", profile),
        },
        "workspace" => AsString(value, path) switch
        {
            null => profile,
            var workspace when workspace is "none" or "ro" or "rw" => profile with { Workspace = workspace },
            var other => Fail(value, path, $"workspace must be 'none', 'ro' or 'rw', not '{other}'", profile),
        },
        "cpu" => AsDuration(value, path) is { } cpu ? profile with { Cpu = cpu } : profile,
        "memory" => AsSize(value, path, field) is { } memory ? profile with { MemoryBytes = memory } : profile,
        "address_space" => AsSize(value, path, field) is { } space ? profile with { AddressSpaceBytes = space } : profile,
        "file_size" => AsSize(value, path, field) is { } size ? profile with { FileSizeBytes = size } : profile,
        "output" => AsSize(value, path, field) is { } output ? profile with { OutputBytes = output } : profile,
        "processes" => AsPositiveInt(value, path) is { } processes ? profile with { Processes = processes } : profile,
        "open_files" => AsPositiveInt(value, path) is { } files ? profile with { OpenFiles = files } : profile,
        "env" => profile with { Environment = ReadEnvironmentNames(value, path) },
        "read_only" => profile with { ReadOnlyPaths = ReadAbsolutePaths(value, path) },
        _ => profile,
    };

    private long? AsSize(YamlNode node, string path, string what) => AsString(node, path) switch
    {
        null => null,
        var text when ByteSizes.TryParse(text, out var bytes) && bytes > 0 => bytes,
        var other => Fail<long?>(node, path, $"{what} must be a size such as 256MB, not '{other}'", null),
    };

    private List<string> ReadEnvironmentNames(YamlNode node, string path)
    {
        var names = new List<string>();
        foreach (var (name, item) in AsStringList(node, path))
        {
            if (name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                names.Add(name);
            }
            else
            {
                Error(item, path, $"'{name}' is not an environment variable name");
            }
        }

        return names;
    }

    private List<string> ReadAbsolutePaths(YamlNode node, string path)
    {
        var paths = new List<string>();
        foreach (var (value, item) in AsStringList(node, path))
        {
            var segments = value.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToList();
            var normal = "/" + string.Join('/', segments);
            if (!value.StartsWith('/') || segments.Contains(".."))
            {
                Error(item, path, $"'{value}' must be an absolute path without '..'");
            }
            else if (normal == "/" || segments[0] is "proc" or "sys" or "dev")
            {
                Error(item, path, $"'{value}' cannot be bound into a sandbox (the root, /proc, /sys and /dev are never bound)");
            }
            else
            {
                paths.Add(normal);
            }
        }

        return paths;
    }

    /// <summary>A tool's <c>command:</c>: a list of words (no shell), or one line split at spaces.</summary>
    private List<string>? ReadCommand(YamlNode node, string path)
    {
        var words = node is YamlScalar { Value.Length: > 0 } line
            ? line.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
            : AsStringList(node, path).Select(w => w.Value).ToList();
        if (words.Count == 0)
        {
            return Fail<List<string>?>(node, path, "command must name a program, e.g. [python3, script.py]", null);
        }

        return words;
    }
}
