namespace Warden.Auditing;

/// <summary>
/// Decides whether a field's value must be masked by its name: the brief's password, token, secret and
/// key, and their usual spellings (<c>api_key</c>, <c>apiKey</c>, <c>X-Auth-Token</c>, <c>passwd</c>, ...).
/// Case and separators are ignored; over-masking is preferred to leaking.
/// </summary>
public static class SensitiveFieldNames
{
    private static readonly string[] Fragments =
    [
        "password", "passwd", "passphrase", "pwd", "secret", "token", "credential", "authorization",
        "cookie", "apikey", "accesskey", "privatekey", "signingkey",
    ];

    /// <summary>True when a field called <paramref name="name"/> holds a value to mask.</summary>
    public static bool IsSensitive(ReadOnlySpan<char> name)
    {
        Span<char> folded = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var length = 0;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                folded[length++] = char.ToLowerInvariant(c);
            }
        }

        var key = folded[..length];
        if (key.EndsWith("key") || key.EndsWith("keys"))
        {
            return true;
        }

        foreach (var fragment in Fragments)
        {
            if (key.Contains(fragment, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
