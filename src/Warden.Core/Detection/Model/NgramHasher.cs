namespace Warden.Detection.Model;

/// <summary>Receives the features <see cref="NgramHasher"/> finds. A struct, so that the call is inlined.</summary>
public interface IFeatureSink
{
    /// <summary>One feature: its hashed index, and the position in the text where it ends.</summary>
    void Add(int index, int position);
}

/// <summary>
/// The model's features: hashed character 3-, 4- and 5-grams (whitespace runs read as one space) and
/// hashed word unigrams and bigrams, each reported at the position where it ends so that a text can
/// be scored in windows. Hand-written rather than taken from ML.NET's text featurizer because the
/// windowed, allocation-free scoring it allows is what meets the latency target (docs/detection.md):
/// one pass, one hash chain per character for all three n-gram lengths, no delegate calls.
/// </summary>
public static class NgramHasher
{
    private const uint Prime = 16777619;
    private const uint Seed = 2166136261;

    /// <summary>Reports every feature of <paramref name="text"/> for a table of 2^<paramref name="bits"/> weights.</summary>
    public static void Enumerate<TSink>(ReadOnlySpan<char> text, int bits, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        var shift = 32 - bits;
        char c0 = '\0', c1 = '\0', c2 = '\0', c3 = '\0';
        var filled = 0;
        var previousSpace = true;
        uint wordHash = Seed, previousWord = 0;
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var isSpace = c <= ' ' ? c is ' ' or '\n' or '\r' or '\t' or '\f' or '\v' : c > '\u007f' && char.IsWhiteSpace(c);
            if (isSpace && previousSpace)
            {
                continue;
            }

            previousSpace = isSpace;
            var c4 = isSpace ? ' ' : c;
            filled++;

            // The 3-, 4- and 5-grams ending here share one hash chain, read from the newest character back.
            if (filled >= 3)
            {
                var h = (((Seed ^ c4) * Prime ^ c3) * Prime ^ c2) * Prime;
                sink.Add((int)(Mix(h) >> shift), i);
                if (filled >= 4)
                {
                    h = (h ^ c1) * Prime;
                    sink.Add((int)(Mix(h) >> shift), i);
                    if (filled >= 5)
                    {
                        h = (h ^ c0) * Prime;
                        sink.Add((int)(Mix(h) >> shift), i);
                    }
                }
            }

            (c0, c1, c2, c3) = (c1, c2, c3, c4);

            // Words: runs of letters and digits.
            if (!isSpace && char.IsLetterOrDigit(c))
            {
                wordHash = ((inWord ? wordHash : Seed) ^ c) * Prime;
                inWord = true;
            }
            else if (inWord)
            {
                EmitWord(wordHash, ref previousWord, shift, i, ref sink);
                inWord = false;
            }
        }

        if (inWord)
        {
            EmitWord(wordHash, ref previousWord, shift, text.Length - 1, ref sink);
        }
    }

    private static void EmitWord<TSink>(uint wordHash, ref uint previousWord, int shift, int position, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        var unigram = Mix(wordHash ^ 0x9E3779B9);
        sink.Add((int)(unigram >> shift), position);
        if (previousWord != 0)
        {
            sink.Add((int)(Mix((previousWord * 31) ^ unigram ^ 0x85EBCA6B) >> shift), position);
        }

        previousWord = unigram | 1;
    }

    /// <summary>A finaliser that spreads FNV's bits (murmur3's fmix32).</summary>
    private static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        h ^= h >> 16;
        return h;
    }
}
