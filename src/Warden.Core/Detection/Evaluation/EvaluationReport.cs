using Warden.Detection.Corpus;

namespace Warden.Detection.Evaluation;

/// <summary>Metrics overall and by group, for one detector on one labelled set.</summary>
/// <param name="Overall">All lines.</param>
/// <param name="BySource">Per <c>source</c>.</param>
/// <param name="ByKind">Per <c>kind</c>.</param>
public sealed record EvaluationReport(DetectionMetrics Overall, IReadOnlyDictionary<string, DetectionMetrics> BySource, IReadOnlyDictionary<string, DetectionMetrics> ByKind)
{
    /// <summary>Scores every labelled item with <paramref name="detector"/> and computes the metrics.</summary>
    public static EvaluationReport Create(IReadOnlyList<LabelledText> items, LayeredInjectionDetector detector)
    {
        var scored = items.AsParallel().AsOrdered()
            .Select(item => (Item: item, Score: detector.Detect(item.Text).Score))
            .ToList();
        return new EvaluationReport(
            DetectionMetrics.Compute(scored.Select(s => (s.Score, s.Item.Label!.Value)).ToList(), detector.Threshold),
            Group(scored, s => s.Source, detector.Threshold),
            Group(scored, s => s.Kind, detector.Threshold));
    }

    private static SortedDictionary<string, DetectionMetrics> Group(List<(LabelledText Item, double Score)> scored, Func<LabelledText, string> key, double threshold) =>
        new(scored.GroupBy(s => key(s.Item)).ToDictionary(
            g => g.Key,
            g => DetectionMetrics.Compute(g.Select(s => (s.Score, s.Item.Label!.Value)).ToList(), threshold)), StringComparer.Ordinal);
}
