using System.Globalization;
using Warden.Policies.Yaml;

namespace Warden.Policies;

/// <summary>Typed access to YAML nodes, each problem reported with its place.</summary>
internal sealed partial class PolicyReader
{
    private void Error(YamlNode node, string path, string message) =>
        _diagnostics.Add(new PolicyDiagnostic(true, message, node.Line, node.Column, path));

    private void Warning(YamlNode node, string path, string message) =>
        _diagnostics.Add(new PolicyDiagnostic(false, message, node.Line, node.Column, path));

    private T Fail<T>(YamlNode node, string path, string message, T fallback)
    {
        Error(node, path, message);
        return fallback;
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>The entries of a mapping with known keys, each key once; unknown and duplicate keys are reported.</summary>
    private IEnumerable<KeyValuePair<string, YamlNode>> Entries(YamlMapping mapping, string path, IReadOnlySet<string>? knownKeys)
    {
        var seen = new Dictionary<string, YamlScalar>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Entries)
        {
            var keyPath = Join(path, key.Value);
            if (seen.TryGetValue(key.Value, out var first))
            {
                Error(key, keyPath, $"duplicate key '{key.Value}' (first at line {first.Line})");
                continue;
            }

            seen.Add(key.Value, key);
            if (knownKeys is not null && !knownKeys.Contains(key.Value))
            {
                Error(key, keyPath, $"unknown key '{key.Value}'; expected one of: {string.Join(", ", knownKeys.Order(StringComparer.Ordinal))}");
                continue;
            }

            yield return new(key.Value, value);
        }
    }

    /// <summary>Like <see cref="Entries"/> for named items (roles, tools, ...), yielding the key node too.</summary>
    private IEnumerable<(YamlScalar Key, YamlNode Value)> NamedEntries(YamlMapping mapping, string path, string what)
    {
        var seen = new Dictionary<string, YamlScalar>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Entries)
        {
            if (seen.TryGetValue(key.Value, out var first))
            {
                Error(key, Join(path, key.Value), $"duplicate {what} '{key.Value}' (first at line {first.Line})");
                continue;
            }

            seen.Add(key.Value, key);
            if (CheckName(key, Join(path, key.Value), what))
            {
                yield return (key, value);
            }
        }
    }

    private YamlMapping? AsMapping(YamlNode node, string path, string what)
    {
        if (node is YamlMapping mapping)
        {
            return mapping;
        }

        if (node is YamlScalar { IsPlain: true, Value: "" or "~" or "null" })
        {
            return new YamlMapping([], node.Line, node.Column);
        }

        Error(node, path, $"{what} must be a mapping (key: value lines)");
        return null;
    }

    private string? AsString(YamlNode node, string path)
    {
        if (node is YamlScalar scalar && scalar.Value.Length > 0)
        {
            return scalar.Value;
        }

        Error(node, path, "expected a single non-empty value here");
        return null;
    }

    private List<(string Value, YamlNode Node)> AsStringList(YamlNode node, string path, bool allowSingle = false)
    {
        var result = new List<(string, YamlNode)>();
        if (allowSingle && node is YamlScalar { Value.Length: > 0 } single)
        {
            result.Add((single.Value, single));
            return result;
        }

        if (node is not YamlSequence sequence)
        {
            Error(node, path, "expected a list, e.g. [a, b]");
            return result;
        }

        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (AsString(sequence.Items[i], $"{path}[{i}]") is { } value)
            {
                result.Add((value, sequence.Items[i]));
            }
        }

        return result;
    }

    private int? AsPositiveInt(YamlNode node, string path)
    {
        if (AsString(node, path) is { } text)
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                return value;
            }

            Error(node, path, $"expected a whole number above 0, not '{text}'");
        }

        return null;
    }

    private TimeSpan? AsDuration(YamlNode node, string path)
    {
        if (AsString(node, path) is { } text)
        {
            if (Durations.TryParse(text, out var duration) && duration > TimeSpan.Zero)
            {
                return duration;
            }

            Error(node, path, $"'{text}' is not a duration: write e.g. 500ms, 5s, 2m or 1h");
        }

        return null;
    }
}
