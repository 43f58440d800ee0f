using Warden.Detection.Normalization;

namespace Warden.Detection.Model;

/// <summary>
/// Trains a <see cref="LinearModel"/>: logistic loss, AdaGrad, class-balanced, single-threaded with a
/// fixed seed, so the same data always gives the same model. Texts longer than a window are cut into
/// overlapping windows and trained as a bag (multiple-instance learning): each step updates the
/// window that scores highest, so that an injection is learnt from the window that holds it and a
/// benign document teaches from its most suspicious window. A slice of the training data is kept
/// aside to place the threshold: the bias is shifted so that 0.5 flags
/// <see cref="TrainingOptions.TargetFalsePositiveRate"/> of the calibration negatives.
/// </summary>
public static class ModelTrainer
{
    /// <summary>One window as sparse features: distinct indices and their values.</summary>
    private sealed record Window(int[] Indices, float[] Values);

    /// <summary>One text: its windows and its label.</summary>
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
        double bias = 0, biasSquares = 0;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            Shuffle(training, random);
            double loss = 0;
            foreach (var example in training)
            {
                var (window, z) = Strongest(example, weights, bias);
                var p = 1 / (1 + Math.Exp(-z));
                var y = example.Label ? 1.0 : 0.0;
                var classWeight = example.Label ? positiveWeight : negativeWeight;
                loss -= classWeight * (y * Math.Log(p + 1e-12) + (1 - y) * Math.Log(1 - p + 1e-12));
                var gradient = (p - y) * classWeight;
                for (var i = 0; i < window.Indices.Length; i++)
                {
                    var index = window.Indices[i];
                    var g = gradient * window.Values[i] + options.L2 * weights[index];
                    squares[index] += g * g;
                    weights[index] -= options.LearningRate * g / (Math.Sqrt(squares[index]) + 1e-8);
                }

                biasSquares += gradient * gradient;
                bias -= options.LearningRate * gradient / (Math.Sqrt(biasSquares) + 1e-8);
            }

            progress?.Invoke($"epoch {epoch}/{options.Epochs}: mean loss {loss / training.Count:0.0000}");
        }

        // The threshold is placed with the model as it will run: weights rounded to half precision as
        // they are stored, windows read by LinearModel itself.
        var stored = weights.Select(w => (float)(Half)w).ToArray();
        var raw = new LinearModel(options.Bits, options.WindowChars, (float)bias, stored);
        var threshold = CalibrationThreshold(calibrationTexts, raw, options.TargetFalsePositiveRate);
        progress?.Invoke($"threshold: logit {threshold:0.000} flags {options.TargetFalsePositiveRate:P1} of {calibrationTexts.Count} calibration negatives");
        return new LinearModel(options.Bits, options.WindowChars, (float)(bias - threshold), stored);
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

    /// <summary>The window with the highest logit, and that logit.</summary>
    private static (Window Window, double Logit) Strongest(Example example, double[] weights, double bias)
    {
        var best = example.Windows[0];
        var bestLogit = double.NegativeInfinity;
        foreach (var window in example.Windows)
        {
            var z = bias;
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
    /// The windows of a text exactly as <see cref="LinearModel.Score"/> reads them: the whole text when it
    /// fits one window, else windows of <see cref="TrainingOptions.WindowChars"/> every quarter window,
    /// each holding the features that end inside it.
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
        var size = options.WindowChars;
        if (normalized.Length <= size)
        {
            return new Example([MakeWindow(sink.Indices, 0, sink.Indices.Count)], label);
        }

        var windows = new List<Window>();
        var first = 0;
        for (var start = 0; ; start += Math.Max(1, size / 4))
        {
            var end = Math.Min(start + size, normalized.Length);
            while (first < sink.Positions.Count && sink.Positions[first] < start)
            {
                first++;
            }

            var last = first;
            while (last < sink.Positions.Count && sink.Positions[last] < end)
            {
                last++;
            }

            windows.Add(MakeWindow(sink.Indices, first, last - first));
            if (end == normalized.Length)
            {
                break;
            }
        }

        return new Example([.. windows], label);
    }

    private static Window MakeWindow(List<int> indices, int start, int count)
    {
        var counts = new Dictionary<int, int>();
        for (var i = start; i < start + count; i++)
        {
            counts[indices[i]] = counts.GetValueOrDefault(indices[i]) + 1;
        }

        var scale = 1 / Math.Sqrt(Math.Max(count, LinearModel.MinFeatures));
        var ordered = counts.OrderBy(p => p.Key).ToArray();
        return new Window(ordered.Select(p => p.Key).ToArray(), ordered.Select(p => (float)(p.Value * scale)).ToArray());
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
