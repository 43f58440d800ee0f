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
    private const int MaxTrainingChars = 16 * 1024;

    /// <summary>Trains on <paramref name="texts"/> (label true = injection).</summary>
    public static LinearModel Train(IReadOnlyList<(string Text, bool Label)> texts, TrainingOptions options, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var random = new Random(options.Seed);
        var examples = texts.Select(t => Featurize(t.Text, t.Label, options)).ToList();
        Shuffle(examples, random);
        var calibrationCount = (int)(examples.Count * options.CalibrationFraction);
        var calibration = examples.Take(calibrationCount).ToList();
        var training = examples.Skip(calibrationCount).ToList();
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

        var threshold = CalibrationThreshold(calibration, weights, bias, options.TargetFalsePositiveRate);
        progress?.Invoke($"threshold: logit {threshold:0.000} flags {options.TargetFalsePositiveRate:P1} of {calibration.Count(e => !e.Label)} calibration negatives");
        return new LinearModel(options.Bits, options.WindowChars, (float)(bias - threshold), weights.Select(w => (float)w).ToArray());
    }

    private static double CalibrationThreshold(List<Example> calibration, double[] weights, double bias, double targetFpr)
    {
        var negatives = calibration.Where(e => !e.Label).Select(e => Strongest(e, weights, bias).Logit).OrderDescending().ToArray();
        if (negatives.Length == 0)
        {
            return 0;
        }

        var index = Math.Min(negatives.Length - 1, (int)Math.Floor(targetFpr * negatives.Length));
        return negatives[index] + 1e-6;
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

    private static Example Featurize(string text, bool label, TrainingOptions options)
    {
        var normalized = TextNormalizer.Normalize(text).Text;
        if (normalized.Length > MaxTrainingChars)
        {
            normalized = normalized[..MaxTrainingChars];
        }

        var size = options.WindowChars;
        var windows = new List<Window>();
        for (var start = 0; ; start += size / 2)
        {
            var end = Math.Min(start + size, normalized.Length);
            windows.Add(Featurize(normalized.AsSpan(start, end - start), options.Bits));
            if (end == normalized.Length)
            {
                break;
            }
        }

        return new Example([.. windows], label);
    }

    private static Window Featurize(ReadOnlySpan<char> text, int bits)
    {
        var sink = new CountingSink(new Dictionary<int, int>());
        NgramHasher.Enumerate(text, bits, ref sink);
        var counts = sink.Counts;
        var total = counts.Values.Sum();
        var scale = 1 / Math.Sqrt(Math.Max(total, LinearModel.MinFeatures));
        var ordered = counts.OrderBy(p => p.Key).ToArray();
        return new Window(ordered.Select(p => p.Key).ToArray(), ordered.Select(p => (float)(p.Value * scale)).ToArray());
    }

    private readonly struct CountingSink(Dictionary<int, int> counts) : IFeatureSink
    {
        public Dictionary<int, int> Counts => counts;

        public void Add(int index, int position) => counts[index] = counts.GetValueOrDefault(index) + 1;
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
