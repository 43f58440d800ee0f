namespace Warden.Stages.ArgumentSanitation;

/// <summary>What is wrong with a call's arguments.</summary>
public enum ArgumentViolationKind
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>The arguments are not a JSON object.</summary>
    NotAnObject,

    /// <summary>Too large.</summary>
    TooLarge,

    /// <summary>Nested too deep.</summary>
    TooDeep,

    /// <summary>A string too long.</summary>
    StringTooLong,

    /// <summary>A forbidden key.</summary>
    ForbiddenKey,

    /// <summary>An escape that decodes to invalid UTF-16, such as a lone surrogate.</summary>
    InvalidText,
}

/// <summary>The first problem found in a call's arguments.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Detail">The key, the length or the depth that broke the limit.</param>
public readonly record struct ArgumentViolation(ArgumentViolationKind Kind, string Detail)
{
    /// <summary>True when the arguments passed.</summary>
    public bool IsNone => Kind == ArgumentViolationKind.None;
}
