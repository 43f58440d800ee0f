namespace Warden.Detection.Secrets;

/// <summary>The checks behind the name-guarded findings: key-like names, value shape and Shannon entropy.</summary>
internal static class SecretHeuristics
{
    /// <summary>Only this many characters of a value are looked at for its entropy.</summary>
    private const int MaxEntropySample = 4096;

    private static readonly string[] KeyFragments =
    [
        "password", "passwd", "passphrase", "pwd", "secret", "token", "apikey", "accesskey", "privatekey",
        "credential", "bearer",
    ];

    /// <summary>
    /// Shannon entropy of <paramref name="value"/> in bits per character (of at most its first 4096
    /// characters). A run of one character scores 0; 16 distinct characters score 4.
    /// </summary>
    public static double Entropy(ReadOnlySpan<char> value)
    {
        if (value.Length > MaxEntropySample)
        {
            value = value[..MaxEntropySample];
        }

        if (value.IsEmpty)
        {
            return 0;
        }

        Span<int> counts = stackalloc int[128];
        counts.Clear();
        var wide = 0;
        foreach (var c in value)
        {
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                wide++;
            }
        }

        double n = value.Length;
        var entropy = 0.0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = count / n;
                entropy -= p * Math.Log2(p);
            }
        }

        if (wide > 0)
        {
            entropy += WideEntropy(value, n);
        }

        return entropy;
    }

    /// <summary>The entropy terms of the characters outside ASCII, counted by sorting them.</summary>
    private static double WideEntropy(ReadOnlySpan<char> value, double n)
    {
        var sorted = new List<char>();
        foreach (var c in value)
        {
            if (c >= 128)
            {
                sorted.Add(c);
            }
        }

        sorted.Sort();
        var entropy = 0.0;
        var run = 1;
        for (var i = 1; i <= sorted.Count; i++)
        {
            if (i < sorted.Count && sorted[i] == sorted[i - 1])
            {
                run++;
                continue;
            }

            var p = run / n;
            entropy -= p * Math.Log2(p);
            run = 1;
        }

        return entropy;
    }

    /// <summary>
    /// True when a field called <paramref name="name"/> is expected to hold a secret: it contains
    /// password, passwd, passphrase, pwd, secret, token, api key, access key, private key, credential,
    /// bearer or auth (but not author or authority). Case and separators are ignored.
    /// </summary>
    public static bool IsKeyLikeName(ReadOnlySpan<char> name)
    {
        Span<char> folded = stackalloc char[Math.Min(name.Length, 128)];
        var length = Fold(name, folded);
        var key = folded[..length];
        foreach (var fragment in KeyFragments)
        {
            if (key.Contains(fragment, StringComparison.Ordinal))
            {
                return true;
            }
        }

        for (var at = key.IndexOf("auth", StringComparison.Ordinal); at >= 0;)
        {
            var rest = key[(at + 4)..];
            if (!rest.StartsWith("or", StringComparison.Ordinal) || rest.StartsWith("oriz", StringComparison.Ordinal))
            {
                return true;
            }

            var next = rest.IndexOf("auth", StringComparison.Ordinal);
            at = next < 0 ? -1 : at + 4 + next;
        }

        return false;
    }

    /// <summary>True when <paramref name="name"/> names an AWS secret access key (<c>aws_secret_access_key</c>, <c>SecretAccessKey</c>, <c>AWS_SECRET</c>).</summary>
    public static bool IsAwsSecretName(ReadOnlySpan<char> name)
    {
        Span<char> folded = stackalloc char[Math.Min(name.Length, 128)];
        var key = folded[..Fold(name, folded)];
        return key.Contains("secretaccesskey", StringComparison.Ordinal)
            || (key.Contains("aws", StringComparison.Ordinal) && key.Contains("secret", StringComparison.Ordinal));
    }

    /// <summary>
    /// True when <paramref name="value"/> looks like a random secret rather than a placeholder, word,
    /// path, URL or reference: at least <paramref name="minLength"/> characters, two character classes,
    /// not letters of one case without digits, and entropy of at least <paramref name="threshold"/>.
    /// </summary>
    public static bool LooksRandom(ReadOnlySpan<char> value, int minLength, double threshold)
    {
        if (value.Length < minLength || LooksLikeReference(value))
        {
            return false;
        }

        bool upper = false, lower = false, digit = false, other = false;
        foreach (var c in value)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                upper = true;
            }
            else if (char.IsAsciiLetterLower(c))
            {
                lower = true;
            }
            else if (char.IsAsciiDigit(c))
            {
                digit = true;
            }
            else
            {
                other = true;
            }
        }

        var classes = (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
        if (classes < 2 || (!digit && upper != lower))
        {
            return false; // one class, or words of one case joined by separators: YOUR_API_KEY_HERE
        }

        return Entropy(value) >= threshold;
    }

    /// <summary>URLs, paths, variable references and dotted identifiers (<c>process.env.API_TOKEN</c>).</summary>
    private static bool LooksLikeReference(ReadOnlySpan<char> value)
    {
        if (value.Contains("://", StringComparison.Ordinal)
            || value[0] is '/' or '~' or '%'
            || value.StartsWith("./", StringComparison.Ordinal)
            || value.StartsWith("../", StringComparison.Ordinal)
            || (value.Length > 1 && value[0] == '$' && (char.IsAsciiLetter(value[1]) || value[1] is '_' or '{')))
        {
            return true;
        }

        if (value.IndexOf('.') < 0)
        {
            return false;
        }

        foreach (var range in value.Split('.'))
        {
            var segment = value[range];
            if (segment.IsEmpty || !(char.IsAsciiLetter(segment[0]) || segment[0] == '_'))
            {
                return false;
            }

            foreach (var c in segment)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '_')
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static int Fold(ReadOnlySpan<char> name, Span<char> folded)
    {
        var length = 0;
        foreach (var c in name)
        {
            if (length == folded.Length)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                folded[length++] = char.ToLowerInvariant(c);
            }
        }

        return length;
    }
}
