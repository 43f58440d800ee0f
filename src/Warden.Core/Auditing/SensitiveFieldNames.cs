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
        if (key.EndsWith("key") || key.EndsWith("keys") || HasKeyWord(name))
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

    /// <summary>True when a word of the name is <c>key</c> or <c>keys</c>: <c>ssh_key_data</c>, <c>keyMaterial</c>.</summary>
    private static bool HasKeyWord(ReadOnlySpan<char> name)
    {
        var start = 0;
        for (var i = 0; i <= name.Length; i++)
        {
            var boundary = i == name.Length || !char.IsLetterOrDigit(name[i]) || (i > start && char.IsUpper(name[i]) && char.IsLower(name[i - 1]));
            if (!boundary)
            {
                continue;
            }

            var word = name[start..i];
            if (word.Equals("key", StringComparison.OrdinalIgnoreCase) || word.Equals("keys", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            start = i < name.Length && char.IsLetterOrDigit(name[i]) ? i : i + 1;
        }

        return false;
    }
}
