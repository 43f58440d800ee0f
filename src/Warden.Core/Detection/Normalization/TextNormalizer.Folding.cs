using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;

namespace Warden.Detection.Normalization;

/// <summary>Look-alike letters, leetspeak and split letters, on lower-case text.</summary>
public static partial class TextNormalizer
{
    /// <summary>Lower-case Cyrillic and Greek letters that look like Latin ones, and a few Latin variants.</summary>
    private static readonly FrozenDictionary<char, char> Confusable = new Dictionary<char, char>
    {
        ['а'] = 'a', ['в'] = 'b', ['е'] = 'e', ['ё'] = 'e', ['к'] = 'k', ['м'] = 'm', ['н'] = 'h', ['о'] = 'o', ['р'] = 'p',
        ['с'] = 'c', ['т'] = 't', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ї'] = 'i', ['ј'] = 'j', ['ѕ'] = 's', ['ԁ'] = 'd',
        ['ԛ'] = 'q', ['ԝ'] = 'w', ['һ'] = 'h', ['ӏ'] = 'l', ['ɡ'] = 'g', ['α'] = 'a', ['β'] = 'b', ['ε'] = 'e', ['ι'] = 'i',
        ['κ'] = 'k', ['ν'] = 'v', ['ο'] = 'o', ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x', ['γ'] = 'y', ['η'] = 'n',
        ['ı'] = 'i', ['ℓ'] = 'l', ['ß'] = 's',
    }.ToFrozenDictionary();

    /// <summary>Folds look-alikes in words that mix them with Latin letters, or consist of look-alikes only.</summary>
    private static string FoldConfusables(string text, ref NormalizationSignals signals)
    {
        var chars = text.ToCharArray();
        var changed = false;
        var start = 0;
        while (start < chars.Length)
        {
            if (!char.IsLetter(chars[start]))
            {
                start++;
                continue;
            }

            var end = start;
            bool latin = false, lookalike = false, other = false;
            while (end < chars.Length && char.IsLetter(chars[end]))
            {
                var c = chars[end];
                if (c < 0x250)
                {
                    latin |= c is >= 'a' and <= 'z' or > '\u00BF';
                    lookalike |= Confusable.ContainsKey(c);
                }
                else if (Confusable.ContainsKey(c))
                {
                    lookalike = true;
                }
                else
                {
                    other = true;
                }

                end++;
            }

            if (lookalike && (latin || !other) && !(latin == false && end - start == 1))
            {
                for (var i = start; i < end; i++)
                {
                    if (Confusable.TryGetValue(chars[i], out var folded))
                    {
                        chars[i] = folded;
                        changed = true;
                    }
                }
            }

            start = end;
        }

        if (!changed)
        {
            return text;
        }

        signals |= NormalizationSignals.Confusables;
        return new string(chars);
    }

    private static char Leet(char c) => c switch
    {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '$' => 's',
        '!' => 'i',
        _ => '\0',
    };

    /// <summary>
    /// Folds digits and symbols inside words of three or more characters that also hold a letter:
    /// h4ck3r, 1gn0r3, pa$$word, 7h3. When a text has three or more such words it is written in leet, and
    /// short words made only of leet digits are folded too ("15" is "is", "4" is "a"); elsewhere numbers
    /// stay numbers.
    /// </summary>
    private static string FoldLeetspeak(string text, ref NormalizationSignals signals)
    {
        char[]? chars = null;
        var folded = 0;
        FoldWords(text, ref chars, ref folded, digitsOnly: false);
        if (folded >= 3)
        {
            FoldWords(text, ref chars, ref folded, digitsOnly: true);
        }

        if (chars is null)
        {
            return text;
        }

        signals |= NormalizationSignals.Leetspeak;
        return new string(chars);
    }

    private static void FoldWords(string text, ref char[]? chars, ref int folded, bool digitsOnly)
    {
        var start = 0;
        while (start < text.Length)
        {
            if (!IsWordChar(text[start]))
            {
                start++;
                continue;
            }

            var end = start;
            int letters = 0, leet = 0;
            while (end < text.Length && IsWordChar(text[end]))
            {
                if (char.IsLetter(text[end]))
                {
                    letters++;
                }
                else if (Leet(text[end]) != '\0')
                {
                    leet++;
                }

                end++;
            }

            var length = end - start;
            var fold = digitsOnly
                ? letters == 0 && leet == length && length <= 3
                : letters >= 1 && leet > 0 && length >= 3;
            if (fold)
            {
                chars ??= text.ToCharArray();
                for (var i = start; i < end; i++)
                {
                    var c = Leet(chars[i]);
                    if (c != '\0' && (digitsOnly || !(chars[i] is '$' or '!' && (i == start || i == end - 1))))
                    {
                        chars[i] = c;
                    }
                }

                folded++;
            }

            start = end;
        }
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '$' or '!';

    /// <summary>
    /// Joins three or more single letters (or leet digits) split by one separator: "i g n o r e",
    /// "i.g.n.o.r.e", "1 g n 0 r e". A run that spans several words split the same way ("i g n o r e a l l")
    /// is cut again at the words attacks use, so that the rules still see "ignore all".
    /// </summary>
    private static string JoinSplitLetters(string text, ref NormalizationSignals signals)
    {
        if (!MaySplitLetters(text) || !SplitLetters().IsMatch(text))
        {
            return text;
        }

        var joined = false;
        var result = SplitLetters().Replace(text, match =>
        {
            var builder = new StringBuilder(match.Length / 2 + 1);
            var letters = 0;
            foreach (var c in match.ValueSpan)
            {
                if (char.IsLetter(c))
                {
                    letters++;
                    builder.Append(c);
                }
                else if (Leet(c) != '\0')
                {
                    builder.Append(Leet(c));
                }
                else if (char.IsDigit(c))
                {
                    builder.Append(c);
                }
            }

            if (letters == 0)
            {
                return match.Value; // digits only: a number written with spaces, not a word
            }

            joined = true;
            return Segment(builder.ToString());
        });
        if (joined)
        {
            signals |= NormalizationSignals.SplitLetters;
            // Where words were split, the two-letter ones were too ("i n", "t o"): joined as well, only
            // in a text that had a longer split run, since "a b" alone is ordinary text.
            result = SplitPairs().Replace(result, match => $"{match.ValueSpan[0]}{match.ValueSpan[2]}");
        }

        return result;
    }

    /// <summary>Words attacks use, for cutting a joined run back into words; the longest match wins.</summary>
    private static readonly string[] AttackWords =
    [
        "instructions", "instruction", "disregard", "developer", "passwords", "previous", "password", "anything",
        "override", "secrets", "prompts", "reveal", "forget", "ignore", "system", "bypass", "secret", "prompt",
        "repeat", "output", "print", "rules", "above", "prior", "every", "email", "emails", "send", "show", "your",
        "mode", "task", "keys", "key", "all", "any", "the", "and", "now", "you", "are", "new", "me", "to", "do",
    ];

    private static string Segment(string run)
    {
        if (run.Length < 7)
        {
            return run;
        }

        var builder = new StringBuilder(run.Length + 8);
        var i = 0;
        while (i < run.Length)
        {
            var word = AttackWords.FirstOrDefault(w => run.AsSpan(i).StartsWith(w, StringComparison.Ordinal));
            if (word is null)
            {
                builder.Append(run[i++]);
                continue;
            }

            if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }

            builder.Append(word).Append(' ');
            i += word.Length;
        }

        return builder.ToString().TrimEnd();
    }

    /// <summary>A cheap test run before the regex: three single units (one a letter) split by separators, alone between non-word characters.</summary>
    private static bool MaySplitLetters(string text)
    {
        for (var i = 0; i + 4 < text.Length; i++)
        {
            if (IsSeparator(text[i + 1]) && IsSeparator(text[i + 3]) && IsUnit(text[i]) && IsUnit(text[i + 2]) && IsUnit(text[i + 4])
                && (i == 0 || !char.IsLetterOrDigit(text[i - 1]))
                && (i + 5 == text.Length || !char.IsLetterOrDigit(text[i + 5]))
                && (char.IsLetter(text[i]) || char.IsLetter(text[i + 2]) || char.IsLetter(text[i + 4])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnit(char c) => char.IsLetter(c) || Leet(c) != '\0';

    private static bool IsSeparator(char c) => c is ' ' or '.' or '-' or '_' or '*' or '|' or '/' or '\\' or '+' or '~';

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:[\p{L}013457$!][ .\-_*|/\\+~]){2,}[\p{L}013457$!](?![\p{L}\p{N}])")]
    private static partial Regex SplitLetters();

    /// <summary>Two single letters split by one space, standing apart from the words around them by two spaces (or the text's edge or punctuation).</summary>
    [GeneratedRegex(@"(?<=^|  |[^\p{L}\p{N} ] ?)\p{L} \p{L}(?=$|  | ?[^\p{L}\p{N} ])")]
    private static partial Regex SplitPairs();
}
