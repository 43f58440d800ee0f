using System.Buffers;
using System.Reflection;

namespace Warden.Detection.Model;

/// <summary>
/// A logistic model over <see cref="NgramHasher"/> features. A range's logit is the bias plus the sum
/// of its features' weights divided by the square root of their number (plus
/// <see cref="SegmentOffset"/> for a sentence or a line). A text is read in the ranges of
/// <see cref="ReadingRanges"/> (windows of <see cref="WindowChars"/>, then its sentences and lines) and
/// the highest range wins, so that an instruction buried in a long page, or slipped into an email as
/// one sentence, is not diluted. Calibrated so that 0.5 is the operating threshold.
/// </summary>
public sealed class LinearModel
{
    private const uint Magic = 0x324D4457; // "WDM2": with the segment offset
    private const uint MagicWithoutSegments = 0x314D4457; // "WDM1": windows only
    private const string ResourceName = "Warden.Detection.Model.injection-model.bin";
    private static readonly Lazy<LinearModel> Shipped = new(LoadShipped);

    /// <summary>Creates a model that reads windows only (the earlier format's models).</summary>
    public LinearModel(int bits, int windowChars, float bias, float[] weights)
        : this(bits, windowChars, bias, weights, float.NegativeInfinity)
    {
    }

    /// <summary>Creates a model from its parts; a <paramref name="segmentOffset"/> of negative infinity reads windows only.</summary>
    public LinearModel(int bits, int windowChars, float bias, float[] weights, float segmentOffset)
    {
        if (bits is < 10 or > 24 || weights.Length != 1 << bits)
        {
            throw new ArgumentException($"a model of {bits} bits needs {1 << bits} weights, not {weights.Length}", nameof(weights));
        }

        Bits = bits;
        WindowChars = windowChars > 0 ? windowChars : throw new ArgumentOutOfRangeException(nameof(windowChars));
        Bias = bias;
        Weights = weights;
        SegmentOffset = float.IsNaN(segmentOffset) || float.IsPositiveInfinity(segmentOffset) ? throw new ArgumentOutOfRangeException(nameof(segmentOffset)) : segmentOffset;
    }

    /// <summary>The model shipped inside this assembly.</summary>
    public static LinearModel Default => Shipped.Value;

    /// <summary>log2 of the number of weights.</summary>
    public int Bits { get; }

    /// <summary>The window length, in characters of normalised text.</summary>
    public int WindowChars { get; }

    /// <summary>The intercept.</summary>
    public float Bias { get; }

    /// <summary>The weights, indexed by hashed feature.</summary>
    public float[] Weights { get; }

    /// <summary>
    /// Added to the logit of a sentence or a line read on its own (<see cref="ReadingRanges"/>), learnt
    /// with the weights: a short range has fewer features to weigh against each other than a window,
    /// so it needs its own intercept. Negative infinity for a model that reads windows only.
    /// </summary>
    public float SegmentOffset { get; }

    /// <summary>The probability of injection and the range (window, sentence or line) that scored highest.</summary>
    public DetectionResult Score(ReadOnlySpan<char> normalized)
    {
        var (logit, start, length) = Strongest(normalized);
        return new DetectionResult(1 / (1 + Math.Exp(-logit)), start, length);
    }

    /// <summary>
    /// Features are scaled by one over the square root of their number, but never of fewer than this:
    /// a text of a word or two does not get the full weight of its few features.
    /// </summary>
    public const int MinFeatures = 16;

    /// <summary>The highest range logit of a normalised text: what <see cref="Score"/> turns into a probability.</summary>
    public double MaxLogit(ReadOnlySpan<char> normalized) => Strongest(normalized).Logit;

    /// <summary>The logit of a feature sum over <paramref name="count"/> features.</summary>
    public double Logit(double sum, int count) => Bias + (sum / Math.Sqrt(Math.Max(count, MinFeatures)));

    /// <summary>
    /// How often, on average, a window's features may repeat (Σc²/Σc over its feature counts) before
    /// it is scored on which features it holds, each counted once. A sum over counted features grows
    /// with the square root of a repetition: "word " a hundred times scored 0.99999. Texts the model
    /// learned from repeat far less (the held-out split: median 1.3, at most 13.7, in code and tables
    /// padded with spaces); such degenerate text repeats 100 times and more.
    /// </summary>
    public const double RepetitionLimit = 16;

    /// <summary>
    /// The highest logit of any range the model reads (<see cref="ReadingRanges"/>: windows, then
    /// sentences and lines), and where that range is. The ranges that would be flagged (logit above 0)
    /// are looked at again for repetition (<see cref="RepetitionCap"/>), strongest first: a repetition
    /// only ever lowers a logit, so once the next range's own logit is no higher than the best found,
    /// no later one can win. Ranges of equal logits are looked at in order of where they start.
    /// </summary>
    private (double Logit, int Start, int Length) Strongest(ReadOnlySpan<char> text)
    {
        var sums = ArrayPool<double>.Shared.Rent(text.Length + 1);
        var counts = ArrayPool<int>.Shared.Rent(text.Length + 1);
        try
        {
            Array.Clear(sums, 0, text.Length + 1);
            Array.Clear(counts, 0, text.Length + 1);
            var features = new Positions(Weights, sums, counts);
            NgramHasher.Enumerate(text, Bits, ref features);
            for (var i = 1; i <= text.Length; i++)
            {
                sums[i] += sums[i - 1];
                counts[i] += counts[i - 1];
            }

            var best = double.NegativeInfinity;
            int bestStart = 0, bestEnd = text.Length;
            List<(double Logit, int Start, int End, bool Segment)>? flagged = null;
            var ranges = new ReadingRanges(text, WindowChars, sentences: !float.IsNegativeInfinity(SegmentOffset));
            while (ranges.Next(out var start, out var end))
            {
                var logit = Logit(sums[end] - sums[start], counts[end] - counts[start]) + (ranges.IsSegment ? SegmentOffset : 0);
                if (logit > 0)
                {
                    (flagged ??= []).Add((logit, start, end, ranges.IsSegment));
                }
                else if (logit > best)
                {
                    (best, bestStart, bestEnd) = (logit, start, end);
                }
            }

            if (flagged is not null)
            {
                (best, bestStart, bestEnd) = StrongestUnlessRepeated(text, flagged, best, bestStart, bestEnd);
            }

            return (best, bestStart, bestEnd - bestStart);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(sums);
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    /// <summary>The strongest of the flagged ranges once each is capped for repetition, or the best unflagged one.</summary>
    private (double Logit, int Start, int End) StrongestUnlessRepeated(ReadOnlySpan<char> text, List<(double Logit, int Start, int End, bool Segment)> flagged, double best, int bestStart, int bestEnd)
    {
        flagged.Sort((a, b) => a.Logit != b.Logit ? b.Logit.CompareTo(a.Logit) : a.Start.CompareTo(b.Start));
        // Repetitive text has few distinct windows (as many as its period has phases at the window
        // stride) and few distinct sentences: each is read once, however long the text.
        var seen = new Dictionary<int, (int Start, int End, double Cap)>();
        foreach (var (logit, start, end, segment) in flagged)
        {
            if (logit <= best)
            {
                break;
            }

            var range = text[start..end];
            var key = string.GetHashCode(range);
            double cap;
            if (seen.TryGetValue(key, out var earlier) && range.SequenceEqual(text[earlier.Start..earlier.End]))
            {
                cap = earlier.Cap;
            }
            else
            {
                cap = RepetitionCap(range);
                seen[key] = (start, end, cap);
            }

            var adjusted = Math.Min(logit, cap + (segment ? SegmentOffset : 0));
            if (adjusted > best)
            {
                (best, bestStart, bestEnd) = (adjusted, start, end);
            }
        }

        return (best, bestStart, bestEnd);
    }

    /// <summary>
    /// The highest logit <paramref name="window"/> may have: when its features repeat more than
    /// <see cref="RepetitionLimit"/>, the logit of its distinct features each counted once; else no
    /// limit (positive infinity). Only windows that would be flagged are read again for it.
    /// </summary>
    private double RepetitionCap(ReadOnlySpan<char> window)
    {
        var counts = new FeatureCounts(new Dictionary<int, int>());
        NgramHasher.Enumerate(window, Bits, ref counts);
        long total = 0, squares = 0;
        var distinct = 0.0;
        foreach (var (index, count) in counts.Counts)
        {
            total += count;
            squares += (long)count * count;
            distinct += Weights[index];
        }

        return total > 0 && (double)squares / total > RepetitionLimit ? Logit(distinct, counts.Counts.Count) : double.PositiveInfinity;
    }

    /// <summary>Writes the model: a header, then the weights as half-precision floats.</summary>
    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Bits);
        writer.Write(WindowChars);
        writer.Write(Bias);
        writer.Write(SegmentOffset);
        foreach (var weight in Weights)
        {
            writer.Write((Half)weight);
        }
    }

    /// <summary>The shortest window, in characters, a model may read texts in.</summary>
    public const int MinWindowChars = 16;

    /// <summary>The longest window, in characters, a model may read texts in.</summary>
    public const int MaxWindowChars = 1 << 20;

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The stream does not hold a model.</exception>
    public static LinearModel Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            var magic = reader.ReadUInt32();
            if (magic is not Magic and not MagicWithoutSegments)
            {
                throw new InvalidDataException("not a Warden detection model (bad magic number)");
            }

            var bits = reader.ReadInt32();
            if (bits is < 10 or > 24)
            {
                throw new InvalidDataException($"the model claims {bits} feature bits; 10 to 24 are valid");
            }

            var window = reader.ReadInt32();
            if (window is < MinWindowChars or > MaxWindowChars)
            {
                throw new InvalidDataException($"the model claims a window of {window} characters; {MinWindowChars} to {MaxWindowChars:N0} are valid");
            }

            var bias = reader.ReadSingle();
            if (!float.IsFinite(bias))
            {
                throw new InvalidDataException("the model's bias is not a finite number");
            }

            var segmentOffset = magic == Magic ? reader.ReadSingle() : float.NegativeInfinity;
            if (float.IsNaN(segmentOffset) || float.IsPositiveInfinity(segmentOffset))
            {
                throw new InvalidDataException("the model's segment offset is not a number or is positive infinity");
            }

            var raw = reader.ReadBytes(2 << bits);
            if (raw.Length != 2 << bits)
            {
                throw new InvalidDataException("the model file is truncated");
            }

            var weights = new float[1 << bits];
            var halves = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Half>(raw);
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] = (float)halves[i];
                if (!float.IsFinite(weights[i]))
                {
                    // A NaN weight would make every score NaN, and NaN is below any threshold: detection would fail open.
                    throw new InvalidDataException($"the model's weight {i} is not a finite number");
                }
            }

            return new LinearModel(bits, window, bias, weights, segmentOffset);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("the model file is truncated");
        }
    }

    private static LinearModel LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the shipped detection model ({ResourceName}) is missing from {typeof(LinearModel).Assembly.GetName().Name}");
        return Load(stream);
    }

    private readonly struct FeatureCounts(Dictionary<int, int> counts) : IFeatureSink
    {
        public Dictionary<int, int> Counts { get; } = counts;

        public void Add(int index, int position) =>
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(Counts, index, out _)++;
    }

    private readonly struct Positions(float[] weights, double[] sums, int[] counts) : IFeatureSink
    {
        public void Add(int index, int position)
        {
            sums[position + 1] += weights[index];
            counts[position + 1]++;
        }
    }
}
