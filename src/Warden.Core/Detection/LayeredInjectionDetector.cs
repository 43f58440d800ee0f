using Warden.Detection.Model;
using Warden.Detection.Normalization;
using Warden.Detection.Rules;

namespace Warden.Detection;

/// <summary>
/// The default detector: text is normalised (<see cref="TextNormalizer"/>), then explainable rules
/// (<see cref="InjectionRules"/>) and the trained model (<see cref="LinearModel"/>) score it; the
/// highest score wins. Spans are offsets in the normalised text; where normalisation did not change
/// the text's length they are offsets in the input too.
/// </summary>
public sealed class LayeredInjectionDetector : IInjectionDetector
{
    /// <summary>The id of the model's findings.</summary>
    public const string ModelId = "model.ngram-logistic";

    /// <summary>A detector with the shipped model and rules.</summary>
    public LayeredInjectionDetector()
        : this(LinearModel.Default)
    {
    }

    /// <summary>A detector with <paramref name="model"/> and the built-in rules.</summary>
    public LayeredInjectionDetector(LinearModel model, double threshold = 0.5)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Threshold = threshold;
    }

    /// <summary>One shared instance with the shipped model.</summary>
    public static LayeredInjectionDetector Default => Lazy.Value;

    private static readonly Lazy<LayeredInjectionDetector> Lazy = new(() => new LayeredInjectionDetector());

    /// <inheritdoc />
    public string Id => "layered";

    /// <summary>The model.</summary>
    public LinearModel Model { get; }

    /// <summary>The score at and above which a text is an injection.</summary>
    public double Threshold { get; }

    /// <inheritdoc />
    public DetectionResult Detect(ReadOnlySpan<char> text)
    {
        var normalized = TextNormalizer.Normalize(text.ToString());
        var model = Model.Score(normalized.Text);
        var best = model;
        foreach (var rule in InjectionRules.All)
        {
            if (Combine(model.Score, rule.Score) <= best.Score)
            {
                continue;
            }

            if (rule.Match(normalized.Text) is { } match)
            {
                best = new DetectionResult(Combine(model.Score, rule.Score), match.Index, match.Length);
            }
        }

        return best;
    }

    /// <summary>
    /// A rule and the model combined as independent evidence (noisy-OR), so that texts a rule flags are
    /// still ranked by the model among themselves.
    /// </summary>
    public static double Combine(double model, double rule) => 1 - ((1 - model) * (1 - rule));

    /// <summary>Scores <paramref name="text"/> and explains why: every rule match, the model's score, every normalisation step.</summary>
    public DetectionReport Analyze(string text, string location = "text")
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = TextNormalizer.Normalize(text);
        var findings = new List<Finding>();
        var model = Model.Score(normalized.Text);
        findings.Add(new Finding("injection", ModelId, model.Score, model.Start, model.Length, location));
        var score = model.Score;
        foreach (var rule in InjectionRules.All)
        {
            if (rule.Match(normalized.Text) is { } match)
            {
                findings.Add(new Finding("injection", rule.Id, rule.Score, match.Index, match.Length, location));
                score = Math.Max(score, Combine(model.Score, rule.Score));
            }
        }

        foreach (var signal in Enum.GetValues<NormalizationSignals>())
        {
            if (signal != NormalizationSignals.None && normalized.Signals.HasFlag(signal))
            {
                findings.Add(new Finding("obfuscation", $"normalization.{signal.ToString().ToLowerInvariant()}", 0, 0, normalized.Text.Length, location));
            }
        }

        return new DetectionReport(score, score >= Threshold, findings, normalized.Signals);
    }
}
