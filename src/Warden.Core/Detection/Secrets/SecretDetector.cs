using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Warden.Detection.Secrets;

/// <summary>
/// Finds credentials and card numbers in free text so that they can be reported or redacted.
/// <para>
/// Finds, by their fixed shape: AWS access key ids (<c>AKIA</c>/<c>ASIA</c>/<c>ABIA</c>/<c>ACCA</c>),
/// GitHub tokens (<c>ghp_</c>/<c>gho_</c>/<c>ghu_</c>/<c>ghs_</c>/<c>ghr_</c>, <c>github_pat_</c>), Slack
/// tokens and webhook URLs, Stripe keys (publishable <c>pk_live_</c> at a low score), Google API keys
/// (<c>AIza</c>), JSON web tokens whose header decodes to JSON with an <c>alg</c>, PEM and PGP private key
/// blocks, and card numbers (Luhn-valid, with a known issuer prefix and length). Finds, only beside a
/// key-like name (<c>password=</c>, <c>"api_key":</c>, <c>token:</c>, <c>Authorization: Bearer</c>, ...):
/// AWS secret access keys and any other value of 16 to 512 characters with two character classes and a
/// Shannon entropy of at least <see cref="EntropyThreshold"/> bits per character.
/// </para>
/// <para>
/// Deliberately does not report, on their own: hex ids and hashes, git commit ids, UUIDs, base64 data,
/// version strings, phone, order and other long numbers, timestamps, placeholders
/// (<c>YOUR_API_KEY_HERE</c>), paths, URLs and variable references. So it misses secrets that have no
/// known prefix and stand without a key-like name, passwords shorter than 16 characters and
/// passphrases of plain words, and credentials inside URLs (<c>user:pass@host</c>).
/// </para>
/// Thread-safe and stateless; linear in the text (no pattern backtracks more than a bounded amount).
/// </summary>
public sealed partial class SecretDetector
{
    /// <summary>
    /// The least Shannon entropy, in bits per character, a value beside a key-like name needs. Measured on
    /// 20,000 random strings per case: at 3.0, alphanumeric and base64 tokens of 16 characters pass 99.98%
    /// of the time, lower-case-and-digit ones 99.86%, hex ones of 24 characters 99.5% and of 32 or more
    /// all (but hex ones of 16 only 86%); repeated words and characters (<c>changeme-changeme</c> 2.9,
    /// <c>secretsecretsecret</c> 2.3, <c>0000...</c> 0) do not.
    /// </summary>
    public const double EntropyThreshold = 3.0;

    /// <summary>The least length of a value found only by its name and entropy.</summary>
    public const int MinGenericLength = 16;

    private const int MaxJwtHeaderChars = 2048;
    private const int MaxPemBodyChars = 1 << 16;

    /// <summary>Values longer than this beside a key-like name are not judged: they are documents, not secrets.</summary>
    private const int MaxGenericLength = 512;

    private static readonly SearchValues<char> ValueStops = SearchValues.Create(" \t\r\n\f\v\"'`,;&\\<>(){}[]|");

    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=");

    /// <summary>One shared instance; the detector holds no state.</summary>
    public static SecretDetector Instance { get; } = new();

    /// <summary>
    /// The secrets in <paramref name="text"/>, ordered by position and not overlapping (where two
    /// findings overlap, a known format is kept over a generic secret, else the higher score). When there are none it returns the shared empty
    /// array; text without candidates allocates nothing, while a candidate that is rejected (a name like
    /// <c>password=</c> with a weak value, a digit run that fails Luhn) can cost about 100 bytes in the regex engine.
    /// </summary>
    public IReadOnlyList<SecretFinding> Find(ReadOnlySpan<char> text)
    {
        var sink = new Sink(stopAtFirst: false);
        Scan(text, ref sink);
        if (sink.Items is null)
        {
            return Array.Empty<SecretFinding>();
        }

        var items = sink.Items;
        items.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var kept = new List<SecretFinding>(items.Count);
        foreach (var item in items)
        {
            if (kept.Count > 0 && item.Start < kept[^1].End)
            {
                if (Outranks(item, kept[^1]))
                {
                    kept[^1] = item;
                }

                continue;
            }

            kept.Add(item);
        }

        return kept;
    }

    /// <summary>Of two overlapping findings, a known format beats a guess by name and entropy; then the higher score, then the longer span.</summary>
    private static bool Outranks(SecretFinding item, SecretFinding other)
    {
        var itemKnown = item.Kind != SecretKinds.GenericSecret;
        var otherKnown = other.Kind != SecretKinds.GenericSecret;
        if (itemKnown != otherKnown)
        {
            return itemKnown;
        }

        return item.Score != other.Score ? item.Score > other.Score : item.Length > other.Length;
    }

    /// <summary>True when <paramref name="text"/> holds at least one secret; stops at the first.</summary>
    public bool ContainsSecret(ReadOnlySpan<char> text)
    {
        var sink = new Sink(stopAtFirst: true);
        Scan(text, ref sink);
        return sink.Items is not null;
    }

    /// <summary>
    /// <paramref name="text"/> with every secret replaced by <paramref name="mask"/>: every span any
    /// detector matched (overlapping spans merged into one), and every other occurrence of a found
    /// secret's text, so that a secret named once and repeated later is hidden both times.
    /// </summary>
    public string Redact(string text, string mask = "***")
    {
        ArgumentNullException.ThrowIfNull(mask);
        return Redact(text, _ => mask);
    }

    /// <summary>
    /// <paramref name="text"/> with every secret (as in <see cref="Redact(string, string)"/>) replaced by
    /// what <paramref name="mask"/> makes of it; overlapping spans are merged and handed over as one.
    /// </summary>
    public string Redact(string text, Func<string, string> mask)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(mask);

        var sink = new Sink(stopAtFirst: false);
        Scan(text, ref sink);
        if (sink.Items is null)
        {
            return text;
        }

        var spans = new List<(int Start, int End)>(sink.Items.Count);
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in sink.Items)
        {
            spans.Add((item.Start, item.End));
            secrets.Add(text.Substring(item.Start, item.Length));
        }

        var search = SearchValues.Create([.. secrets], StringComparison.Ordinal);
        var lookup = secrets.GetAlternateLookup<ReadOnlySpan<char>>();
        var lengths = secrets.Select(static secret => secret.Length).Distinct().OrderDescending().ToArray();
        for (var from = 0; from < text.Length;)
        {
            var at = text.AsSpan(from).IndexOfAny(search);
            if (at < 0)
            {
                break;
            }

            at += from;
            foreach (var length in lengths)
            {
                if (at + length <= text.Length && lookup.Contains(text.AsSpan(at, length)))
                {
                    spans.Add((at, at + length));
                    break;
                }
            }

            from = at + 1;
        }

        spans.Sort();
        var builder = new StringBuilder(text.Length);
        var written = 0;
        var index = 0;
        while (index < spans.Count)
        {
            var (start, end) = spans[index++];
            while (index < spans.Count && spans[index].Start < end)
            {
                end = Math.Max(end, spans[index++].End);
            }

            builder.Append(text, written, start - written).Append(mask(text[start..end]));
            written = end;
        }

        return builder.Append(text, written, text.Length - written).ToString();
    }

    /// <summary>
    /// A cheap test that rules text out: false when <paramref name="text"/> holds none of the strings
    /// any secret holds (a known prefix, a name-value separator, a bearer header, thirteen digits).
    /// Callers on a hot path (audit masking) run it before <see cref="ContainsSecret"/>.
    /// </summary>
    public static bool MayContainSecret(ReadOnlySpan<char> text) =>
        text.IndexOfAny('=', ':') >= 0 ||
        text.Contains("AKIA", StringComparison.Ordinal) || text.Contains("ASIA", StringComparison.Ordinal) ||
        text.Contains("ABIA", StringComparison.Ordinal) || text.Contains("ACCA", StringComparison.Ordinal) ||
        text.Contains("gh", StringComparison.Ordinal) || text.Contains("github_pat_", StringComparison.Ordinal) || text.Contains("xox", StringComparison.Ordinal) ||
        text.Contains("hooks.slack.com", StringComparison.Ordinal) || text.Contains("AIza", StringComparison.Ordinal) ||
        text.Contains("_live_", StringComparison.Ordinal) || text.Contains("_test_", StringComparison.Ordinal) ||
        text.Contains("-----BEGIN", StringComparison.Ordinal) || text.Contains("eyJ", StringComparison.Ordinal) ||
        text.Contains("earer", StringComparison.OrdinalIgnoreCase) || text.Contains("uthorization", StringComparison.OrdinalIgnoreCase) ||
        HasDigits(text, 13);

    /// <summary>True when <paramref name="text"/> holds at least <paramref name="count"/> ASCII digits.</summary>
    private static bool HasDigits(ReadOnlySpan<char> text, int count)
    {
        var rest = text;
        while (count > 0)
        {
            var next = rest.IndexOfAnyInRange('0', '9');
            if (next < 0)
            {
                return false;
            }

            count--;
            rest = rest[(next + 1)..];
        }

        return true;
    }

    private static void Scan(ReadOnlySpan<char> text, ref Sink sink)
    {
        if (text.IsEmpty)
        {
            return;
        }

        ScanFixed(text, AwsAccessKeyIdPattern(), SecretKinds.AwsAccessKeyId, 0.95, ref sink);
        if (!sink.Done)
        {
            ScanFixed(text, GitHubTokenPattern(), SecretKinds.GitHubToken, 0.99, ref sink);
        }

        if (!sink.Done)
        {
            ScanFixed(text, SlackTokenPattern(), SecretKinds.SlackToken, 0.95, ref sink);
        }

        if (!sink.Done)
        {
            ScanFixed(text, SlackWebhookPattern(), SecretKinds.SlackToken, 0.95, ref sink);
        }

        if (!sink.Done)
        {
            ScanFixed(text, GoogleApiKeyPattern(), SecretKinds.GoogleApiKey, 0.9, ref sink);
        }

        if (!sink.Done)
        {
            ScanStripe(text, ref sink);
        }

        if (!sink.Done)
        {
            ScanPrivateKeys(text, ref sink);
        }

        if (!sink.Done)
        {
            ScanJwts(text, ref sink);
        }

        if (!sink.Done)
        {
            ScanAssignments(text, ref sink);
        }

        if (!sink.Done)
        {
            ScanAuthorizationHeaders(text, ref sink);
        }

        if (!sink.Done)
        {
            ScanCards(text, ref sink);
        }
    }

    private static void ScanFixed(ReadOnlySpan<char> text, Regex pattern, string kind, double score, ref Sink sink)
    {
        foreach (var match in pattern.EnumerateMatches(text))
        {
            if (sink.Add(new SecretFinding(kind, match.Index, match.Length, score)))
            {
                return;
            }
        }
    }

    private static void ScanStripe(ReadOnlySpan<char> text, ref Sink sink)
    {
        foreach (var match in StripeKeyPattern().EnumerateMatches(text))
        {
            var key = text.Slice(match.Index, match.Length);
            var score = key.StartsWith("pk_", StringComparison.Ordinal) ? 0.4
                : key[3..].StartsWith("live_", StringComparison.Ordinal) ? 0.95
                : 0.7;
            if (key.StartsWith("pk_test_", StringComparison.Ordinal))
            {
                continue; // publishable test keys are public by design
            }

            if (sink.Add(new SecretFinding(SecretKinds.StripeKey, match.Index, match.Length, score)))
            {
                return;
            }
        }
    }

    private static void ScanPrivateKeys(ReadOnlySpan<char> text, ref Sink sink)
    {
        // The first "-----END " at or after the last header; searched again only once a header passes it,
        // so that many headers without footers cost one pass over the text, not one each.
        var nextEnd = -1;
        foreach (var match in PrivateKeyBeginPattern().EnumerateMatches(text))
        {
            var bodyStart = match.Index + match.Length;
            if (nextEnd < bodyStart)
            {
                var found = text[bodyStart..].IndexOf("-----END ", StringComparison.Ordinal);
                nextEnd = found < 0 ? int.MaxValue : bodyStart + found;
            }

            var header = text.Slice(match.Index, match.Length);
            var label = header["-----BEGIN ".Length..header.IndexOf("PRIVATE KEY", StringComparison.Ordinal)];
            var end = TruncatedKeyEnd(text, bodyStart);
            if (nextEnd != int.MaxValue && nextEnd - bodyStart <= MaxPemBodyChars)
            {
                var footerStart = nextEnd + "-----END ".Length;
                var footer = text[footerStart..];
                if (footer.StartsWith(label, StringComparison.Ordinal)
                    && footer[label.Length..].StartsWith("PRIVATE KEY", StringComparison.Ordinal))
                {
                    var close = footer.IndexOf("-----", StringComparison.Ordinal);
                    end = close is >= 0 and <= 64 ? footerStart + close + 5 : footerStart + label.Length + "PRIVATE KEY".Length;
                }
            }

            if (sink.Add(new SecretFinding(SecretKinds.PrivateKey, match.Index, end - match.Index, 1.0)))
            {
                return;
            }
        }
    }

    /// <summary>Where a key block without its footer ends: after the base64 body and header lines that follow its first line.</summary>
    private static int TruncatedKeyEnd(ReadOnlySpan<char> text, int from)
    {
        var end = from;
        for (var i = from; i < text.Length && i - from < MaxPemBodyChars; i++)
        {
            var c = text[i];
            if (c == '-' && i + 1 < text.Length && text[i + 1] == '-')
            {
                break; // the next armour line: another key, or a footer that did not match
            }

            if (char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or ':' or ',' or '-')
            {
                end = i + 1;
            }
            else if (c is not (' ' or '\t' or '\r' or '\n'))
            {
                break;
            }
        }

        return end;
    }

    private static void ScanJwts(ReadOnlySpan<char> text, ref Sink sink)
    {
        foreach (var match in JwtPattern().EnumerateMatches(text))
        {
            var token = text.Slice(match.Index, match.Length);
            if (HeaderNamesAlg(token[..token.IndexOf('.')])
                && sink.Add(new SecretFinding(SecretKinds.Jwt, match.Index, match.Length, 0.9)))
            {
                return;
            }
        }
    }

    private static bool HeaderNamesAlg(ReadOnlySpan<char> header)
    {
        if (header.Length > MaxJwtHeaderChars || !Base64Url.IsValid(header, out var length))
        {
            return false;
        }

        Span<byte> json = stackalloc byte[length];
        if (Base64Url.DecodeFromChars(header, json) != length)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var namesAlg = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isAlg = reader.ValueTextEquals("alg"u8);
                if (!reader.Read())
                {
                    return false;
                }

                namesAlg |= isAlg && reader.TokenType == JsonTokenType.String;
                reader.Skip();
            }

            return namesAlg && reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary><c>name = value</c>, <c>"name": "value"</c>, <c>name := value</c>, <c>name =&gt; value</c>: judged by name, then by value.</summary>
    private static void ScanAssignments(ReadOnlySpan<char> text, ref Sink sink)
    {
        foreach (var match in AssignmentPattern().EnumerateMatches(text))
        {
            var nameEnd = match.Index;
            while (nameEnd < text.Length && IsNameChar(text[nameEnd]))
            {
                nameEnd++;
            }

            var name = text[match.Index..nameEnd];
            var isAwsName = SecretHeuristics.IsAwsSecretName(name);
            if (!isAwsName && !SecretHeuristics.IsKeyLikeName(name))
            {
                continue;
            }

            var start = match.Index + match.Length;
            var value = ReadValue(text, start, stopAt: ValueStops);
            if (value.IsEmpty)
            {
                continue;
            }

            SecretFinding finding;
            if (isAwsName && value.Length == 40 && IsBase64Key(value)
                && SecretHeuristics.LooksRandom(value, 40, EntropyThreshold))
            {
                finding = new SecretFinding(SecretKinds.AwsSecretAccessKey, start, value.Length, 0.95);
            }
            else if (SecretHeuristics.IsKeyLikeName(name) && SecretHeuristics.LooksRandom(value, MinGenericLength, EntropyThreshold))
            {
                finding = new SecretFinding(SecretKinds.GenericSecret, start, value.Length, 0.7);
            }
            else
            {
                continue;
            }

            if (sink.Add(finding))
            {
                return;
            }
        }
    }

    /// <summary><c>Bearer token</c> and <c>Authorization: Basic credentials</c>.</summary>
    private static void ScanAuthorizationHeaders(ReadOnlySpan<char> text, ref Sink sink)
    {
        foreach (var match in AuthorizationPattern().EnumerateMatches(text))
        {
            var start = match.Index + match.Length;
            var value = ReadValue(text, start, stopAt: null);
            if (SecretHeuristics.LooksRandom(value, MinGenericLength, EntropyThreshold)
                && sink.Add(new SecretFinding(SecretKinds.GenericSecret, start, value.Length, 0.75)))
            {
                return;
            }
        }
    }

    private static void ScanCards(ReadOnlySpan<char> text, ref Sink sink)
    {
        foreach (var match in CardCandidatePattern().EnumerateMatches(text))
        {
            if (CardNumbers.IsCardNumber(text.Slice(match.Index, match.Length))
                && sink.Add(new SecretFinding(SecretKinds.CardNumber, match.Index, match.Length, 0.9)))
            {
                return;
            }
        }
    }

    /// <summary>
    /// The value starting at <paramref name="start"/>: up to the first of <paramref name="stopAt"/> (or,
    /// when null, the first character that cannot be in a bearer token), without trailing full stops.
    /// Empty when it runs past <see cref="MaxGenericLength"/>, so that each value costs a bounded read.
    /// </summary>
    private static ReadOnlySpan<char> ReadValue(ReadOnlySpan<char> text, int start, SearchValues<char>? stopAt)
    {
        var window = text[start..Math.Min(text.Length, start + MaxGenericLength + 1)];
        var length = stopAt is null ? window.IndexOfAnyExcept(TokenChars) : window.IndexOfAny(stopAt);
        if (length < 0)
        {
            length = window.Length;
        }

        for (var i = 0; i < length; i++)
        {
            if (char.IsControl(window[i]) || char.IsWhiteSpace(window[i]))
            {
                length = i;
                break;
            }
        }

        if (length > MaxGenericLength)
        {
            return [];
        }

        while (length > 0 && window[length - 1] == '.')
        {
            length--;
        }

        return window[..length];
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-';

    private static bool IsBase64Key(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('/' or '+'))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex("(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex AwsAccessKeyIdPattern();

    [GeneratedRegex("(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])", RegexOptions.CultureInvariant)]
    private static partial Regex GitHubTokenPattern();

    [GeneratedRegex("(?<![A-Za-z0-9])xox[baprs]-(?:[A-Za-z0-9]{1,64}-){1,6}[A-Za-z0-9]{6,64}(?![A-Za-z0-9-])", RegexOptions.CultureInvariant)]
    private static partial Regex SlackTokenPattern();

    [GeneratedRegex("(?:https?://)?hooks\\.slack\\.com/services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex SlackWebhookPattern();

    [GeneratedRegex("(?<![A-Za-z0-9_])(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{24,247}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex StripeKeyPattern();

    [GeneratedRegex("(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])", RegexOptions.CultureInvariant)]
    private static partial Regex GoogleApiKeyPattern();

    [GeneratedRegex("(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*(?![A-Za-z0-9_-])", RegexOptions.CultureInvariant)]
    private static partial Regex JwtPattern();

    [GeneratedRegex("-----BEGIN (?:RSA |EC |OPENSSH |DSA |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----", RegexOptions.CultureInvariant)]
    private static partial Regex PrivateKeyBeginPattern();

    // A name of at most 64 characters, an optional closing quote, a delimiter, an optional opening quote.
    [GeneratedRegex("(?<![A-Za-z0-9_.-])[A-Za-z_][A-Za-z0-9_.-]{0,63}[\"']?[ \\t]{0,8}(?::=|=>|=|:)[ \\t]{0,8}[\"']?", RegexOptions.CultureInvariant)]
    private static partial Regex AssignmentPattern();

    [GeneratedRegex("(?<![A-Za-z0-9])(?:[Bb]earer|BEARER|[Aa]uthorization[\"']?[ \\t]{0,8}[:=][ \\t]{0,8}[\"']?(?:[Bb]asic|BASIC))[ \\t]+", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationPattern();

    // A run of digits, spaces and dashes from an issuer digit to a digit, not inside a longer number, word or
    // decimal; CardNumbers checks the count (13 to 19), the separators and the groups.
    [GeneratedRegex("(?<![0-9A-Za-z_.])[2-6][0-9 -]{11,38}[0-9](?![0-9A-Za-z_]|[ -][0-9]|[.,][0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex CardCandidatePattern();

    /// <summary>Collects findings, allocating on the first; stops the scan after it when asked to.</summary>
    private ref struct Sink
    {
        private readonly bool _stopAtFirst;

        public Sink(bool stopAtFirst) => _stopAtFirst = stopAtFirst;

        public List<SecretFinding>? Items { get; private set; }

        /// <summary>True when the scan should stop: something was found and one is enough.</summary>
        public readonly bool Done => _stopAtFirst && Items is not null;

        /// <summary>Adds <paramref name="finding"/>; true when the scan should stop.</summary>
        public bool Add(SecretFinding finding)
        {
            (Items ??= []).Add(finding);
            return _stopAtFirst;
        }
    }
}
