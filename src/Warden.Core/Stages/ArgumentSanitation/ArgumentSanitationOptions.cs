namespace Warden.Stages.ArgumentSanitation;

/// <summary>Limits on a tool call's arguments.</summary>
public sealed record ArgumentSanitationOptions
{
    /// <summary>The deepest nesting of objects and arrays: 32.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>The largest arguments, in UTF-8 bytes of JSON: 256 KiB.</summary>
    public int MaxTotalBytes { get; init; } = 256 * 1024;

    /// <summary>The longest string (value or property name), in characters: 64 Ki.</summary>
    public int MaxStringLength { get; init; } = 64 * 1024;

    /// <summary>Keys refused at any depth: the brief's prototype-pollution keys.</summary>
    public IReadOnlyList<string> ForbiddenKeys { get; init; } = ["__proto__", "constructor", "prototype"];
}
