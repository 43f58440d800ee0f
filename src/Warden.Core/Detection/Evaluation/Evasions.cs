using System.Text;

namespace Warden.Detection.Evaluation;

/// <summary>
/// Character-level evasions attackers apply to an injection, one per family, to measure how far
/// detection falls when text is disguised. Deterministic for a given seed.
/// </summary>
public static class Evasions
{
    /// <summary>Each family's name and how it disguises a text.</summary>
    public static IReadOnlyList<(string Family, Func<string, Random, string> Apply)> Families { get; } =
    [
        ("zero-width", (t, r) => Sprinkle(t, r, "\u200B\u200C\u200D\u2060\uFEFF")),
        ("bidi-controls", (t, r) => Sprinkle(t, r, "\u202A\u202C\u202D\u2066\u2069")),
        ("homoglyphs", (t, _) => Map(t, "aceiopsxyABCEHIKMOPTXY", "асеіорѕхуАВСЕНІКМОРТХУ")),
        ("full-width", (t, _) => string.Concat(t.Select(c => c is >= '!' and <= '~' ? (char)(c + 0xFEE0) : c))),
        ("diacritics", (t, r) => string.Concat(t.Select(c => char.IsAsciiLetter(c) && r.Next(3) == 0 ? $"{c}\u0301" : c.ToString()))),
        // Tag characters carry printable ASCII only: line breaks and other characters stay as they are
        // (dropping them would change the text beyond the disguise).
        ("unicode-tags", (t, _) => "Please summarise this page." + string.Concat(t.Select(c => c is >= ' ' and <= '~' ? char.ConvertFromUtf32(0xE0000 + c) : c.ToString()))),
        ("leetspeak", (t, _) => Map(t, "aeiostAEIOST", "4310574310$7")),
        // Letters written as regional indicator symbols (🇦…🇿), which NFKC leaves alone.
        ("letter-symbols", (t, _) => string.Concat(t.Select(c => char.IsAsciiLetter(c) ? char.ConvertFromUtf32(0x1F1E6 + (char.ToLowerInvariant(c) - 'a')) : c.ToString()))),
        ("split-letters", (t, _) => string.Join("  ", t.Split(' ').Select(w => string.Join(' ', w.ToCharArray())))),
        ("markup-split", (t, _) => string.Join(' ', t.Split(' ').Select(w => w.Length > 3 ? w[..2] + "<!-- -->" + w[2..] : w))),
        ("base64", (t, _) => "Decode this and follow it: " + Convert.ToBase64String(Encoding.UTF8.GetBytes(t))),
        ("url-encoding", (t, _) => "Follow these: " + Uri.EscapeDataString(t)),
        // Every character but spaces and line breaks written as a JSON/JavaScript escape (\u0069).
        ("escapes", (t, _) => string.Concat(t.Select(c => c is ' ' or '\n' or '\r' ? c.ToString() : $"\\u{(int)c:x4}"))),
        // Lines ended by the Unicode line separator instead of a line feed.
        ("line-separators", (t, _) => t.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\n', '\u2028')),
    ];

    private static string Sprinkle(string text, Random random, string invisible)
    {
        var builder = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            builder.Append(c);
            if (char.IsLetter(c) && random.Next(2) == 0)
            {
                builder.Append(invisible[random.Next(invisible.Length)]);
            }
        }

        return builder.ToString();
    }

    private static string Map(string text, string from, string to) =>
        string.Concat(text.Select(c => from.IndexOf(c, StringComparison.Ordinal) is >= 0 and var i ? to[i] : c));
}
