using Warden.Detection.Normalization;

namespace Warden.Detection.Model;

/// <summary>
/// Trains a <see cref="LinearModel"/>: logistic loss, AdaGrad, class-balanced, single-threaded with a
/// fixed seed, so the same data always gives the same model. Each text is read in the ranges of
/// <see cref="ReadingRanges"/> (windows, then sentences and lines) and trained as a bag
/// (multiple-instance learning): each step updates the range that scores highest, so that an
/// injection is learnt from the window or sentence that holds it and a benign document teaches from
/// its most suspicious range (and, when that is a sentence, from its most suspicious window as well);
/// sentences and lines learn their own intercept
/// (<see cref="LinearModel.SegmentOffset"/>). A slice of the training data is kept
/// aside to place the threshold: the bias is shifted so that 0.5 flags
/// <see cref="TrainingOptions.TargetFalsePositiveRate"/> of the calibration negatives.
/// </summary>
public static class ModelTrainer
{
    /// <summary>One range (a window, or a sentence or line when <paramref name="Segment"/>) as sparse features: distinct indices and their values.</summary>
    private sealed record Window(int[] Indices, float[] Values, bool Segment);

    /// <summary>One text: its ranges and its label.</summary>
    private sealed record Example(Window[] Windows, bool Label);

    /// <summary>The longest text trained on, in normalised characters.</summary>
    private const int MaxTrainingChars = 8 * 1024;

    /// <summary>Trains on <paramref name="texts"/> (label true = injection).</summary>
    public static LinearModel Train(IReadOnlyList<(string Text, bool Label)> texts, TrainingOptions options, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var random = new Random(options.Seed);
        var shuffled = texts.ToList();
        Shuffle(shuffled, random);
        var calibrationCount = (int)(shuffled.Count * options.CalibrationFraction);
        var calibrationTexts = shuffled.Take(calibrationCount).Where(t => !t.Label).Select(t => t.Text).ToList();
        var training = shuffled.Skip(calibrationCount).Select(t => Featurize(t.Text, t.Label, options)).ToList();
        if (!training.Any(e => e.Label) || !training.Any(e => !e.Label))
        {
            throw new ArgumentException("training needs both injections and benign texts", nameof(texts));
        }

        var positives = training.Count(e => e.Label);
        var positiveWeight = training.Count / (2.0 * positives);
        var negativeWeight = training.Count / (2.0 * (training.Count - positives));
        var weights = new double[1 << options.Bits];
        var squares = new double[1 << options.Bits];
        double bias = 0, biasSquares = 0, segmentOffset = 0, segmentSquares = 0;

        // One AdaGrad step of the logistic loss on one range, its gradient scaled by scale; returns the step's loss.
        double Step(Window window, double z, bool label, double scale = 1)
        {
            var p = 1 / (1 + Math.Exp(-z));
            var y = label ? 1.0 : 0.0;
            var classWeight = label ? positiveWeight : negativeWeight;
            var gradient = (p - y) * classWeight * scale;
            for (var i = 0; i < window.Indices.Length; i++)
            {
                var index = window.Indices[i];
                var g = gradient * window.Values[i] + options.L2 * weights[index];
                squares[index] += g * g;
                weights[index] -= options.LearningRate * g / (Math.Sqrt(squares[index]) + 1e-8);
            }

            biasSquares += gradient * gradient;
            bias -= options.LearningRate * gradient / (Math.Sqrt(biasSquares) + 1e-8);
            if (window.Segment)
            {
                segmentSquares += gradient * gradient;
                segmentOffset -= options.LearningRate * gradient / (Math.Sqrt(segmentSquares) + 1e-8);
            }

            return -classWeight * ((y * Math.Log(p + 1e-12)) + ((1 - y) * Math.Log(1 - p + 1e-12)));
        }

        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            Shuffle(training, random);
            double loss = 0;
            foreach (var example in training)
            {
                // The strongest range learns; when that is a sentence or a line, the strongest window
                // learns as well (at TrainingOptions.WindowStepWeight), so that windows still judge a
                // text on their own: a one-line text (a tool's arguments) is read as one window only,
                // and a benign one must not score higher because its sentences took every lesson.
                var (strongest, z) = Strongest(example, weights, bias, segmentOffset, windowsOnly: false);
                loss += Step(strongest, z, example.Label);
                if (strongest.Segment && options.WindowStepWeight > 0)
                {
                    var (window, windowLogit) = Strongest(example, weights, bias, segmentOffset, windowsOnly: true);
                    Step(window, windowLogit, example.Label, options.WindowStepWeight);
                }
            }

            progress?.Invoke($"epoch {epoch}/{options.Epochs}: mean loss {loss / training.Count:0.0000}");
        }

        // The threshold is placed with the model as it will run: weights rounded to half precision as
        // they are stored, ranges read by LinearModel itself.
        var stored = weights.Select(w => (float)(Half)w).ToArray();
        var raw = new LinearModel(options.Bits, options.WindowChars, (float)bias, stored, (float)segmentOffset);
        var threshold = CalibrationThreshold(calibrationTexts, raw, options.TargetFalsePositiveRate);
        progress?.Invoke($"segment offset {segmentOffset:0.000}; threshold: logit {threshold:0.000} flags {options.TargetFalsePositiveRate:P1} of {calibrationTexts.Count} calibration negatives");
        return new LinearModel(options.Bits, options.WindowChars, (float)(bias - threshold), stored, (float)segmentOffset);
    }

    private static double CalibrationThreshold(List<string> negatives, LinearModel model, double targetFpr)
    {
        if (negatives.Count == 0)
        {
            return 0;
        }

        var logits = negatives.Select(t => model.MaxLogit(TextNormalizer.Normalize(t).Text)).OrderDescending().ToArray();
        var index = Math.Min(logits.Length - 1, (int)Math.Floor(targetFpr * logits.Length));
        return logits[index] + 1e-6;
    }

    /// <summary>The range (window, sentence or line; or only windows) with the highest logit, and that logit.</summary>
    private static (Window Window, double Logit) Strongest(Example example, double[] weights, double bias, double segmentOffset, bool windowsOnly)
    {
        var best = example.Windows[0];
        var bestLogit = double.NegativeInfinity;
        foreach (var window in example.Windows)
        {
            if (windowsOnly && window.Segment)
            {
                break; // the windows come first
            }

            var z = bias + (window.Segment ? segmentOffset : 0);
            for (var i = 0; i < window.Indices.Length; i++)
            {
                z += weights[window.Indices[i]] * window.Values[i];
            }

            if (z > bestLogit)
            {
                (best, bestLogit) = (window, z);
            }
        }

        return (best, bestLogit);
    }

    /// <summary>
    /// The ranges of a text exactly as <see cref="LinearModel.Score"/> reads them (<see cref="ReadingRanges"/>:
    /// windows, then sentences and lines), each holding the features that end inside it.
    /// </summary>
    private static Example Featurize(string text, bool label, TrainingOptions options)
    {
        var normalized = TextNormalizer.Normalize(text).Text;
        if (normalized.Length > MaxTrainingChars)
        {
            normalized = normalized[..MaxTrainingChars];
        }

        var sink = new PositionSink([], []);
        NgramHasher.Enumerate(normalized, options.Bits, ref sink);
        var windows = new List<Window>();
        var ranges = new ReadingRanges(normalized, options.WindowChars);
        while (ranges.Next(out var start, out var end))
        {
            var first = FirstAtOrAfter(sink.Positions, start);
            windows.Add(MakeWindow(sink.Indices, first, FirstAtOrAfter(sink.Positions, end) - first, ranges.IsSegment));
        }

        return new Example([.. windows], label);
    }

    /// <summary>
    /// The index of the first feature ending at or after <paramref name="position"/> (positions are in
    /// order). Written out because several features end at one position and List.BinarySearch finds any
    /// of them, not the first.
    /// </summary>
    private static int FirstAtOrAfter(List<int> positions, int position)
    {
        int low = 0, high = positions.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (positions[middle] < position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static Window MakeWindow(List<int> indices, int start, int count, bool segment)
    {
        var counts = new Dictionary<int, int>();
        for (var i = start; i < start + count; i++)
        {
            counts[indices[i]] = counts.GetValueOrDefault(indices[i]) + 1;
        }

        var scale = 1 / Math.Sqrt(Math.Max(count, LinearModel.MinFeatures));
        var ordered = counts.OrderBy(p => p.Key).ToArray();
        return new Window(ordered.Select(p => p.Key).ToArray(), ordered.Select(p => (float)(p.Value * scale)).ToArray(), segment);
    }

    /// <summary>Collects every feature with the position where it ends (in order of position).</summary>
    private readonly struct PositionSink(List<int> indices, List<int> positions) : IFeatureSink
    {
        public List<int> Indices => indices;

        public List<int> Positions => positions;

        public void Add(int index, int position)
        {
            indices.Add(index);
            positions.Add(position);
        }
    }

    private static void Shuffle<T>(List<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
