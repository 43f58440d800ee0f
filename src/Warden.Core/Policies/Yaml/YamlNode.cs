namespace Warden.Policies.Yaml;

/// <summary>A YAML node with the place it starts, kept so that every policy error can name its line and column.</summary>
internal abstract record YamlNode(int Line, int Column);

/// <summary>A scalar; <paramref name="IsPlain"/> is false when it was quoted or a block scalar.</summary>
internal sealed record YamlScalar(string Value, bool IsPlain, int Line, int Column) : YamlNode(Line, Column);

/// <summary>A mapping; duplicate keys are kept, in order, so that the validator can report them.</summary>
internal sealed record YamlMapping(IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries, int Line, int Column)
    : YamlNode(Line, Column);

/// <summary>A sequence.</summary>
internal sealed record YamlSequence(IReadOnlyList<YamlNode> Items, int Line, int Column) : YamlNode(Line, Column);
