using Warden.Detection.Corpus;

namespace Warden.Detection.Evaluation;

/// <summary>Recall on the same injections, plain and under each evasion family.</summary>
/// <param name="Count">Injections measured.</param>
/// <param name="PlainRecall">Recall on the texts as they are.</param>
/// <param name="Families">Recall per evasion family.</param>
public sealed record EvasionReport(int Count, double PlainRecall, IReadOnlyDictionary<string, double> Families)
{
    /// <summary>Measures <paramref name="detector"/> on the injections in <paramref name="items"/>, each family with a fixed seed.</summary>
    public static EvasionReport Create(IReadOnlyList<LabelledText> items, LayeredInjectionDetector detector, int seed = 20261124)
    {
        var positives = items.Where(i => i.Label == true).Select(i => i.Text).ToList();
        double Recall(IEnumerable<string> texts) =>
            positives.Count == 0 ? double.NaN : texts.AsParallel().Count(t => detector.Detect(t).Score >= detector.Threshold) / (double)positives.Count;

        var families = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (family, apply) in Evasions.Families)
        {
            var random = new Random(seed);
            var disguised = positives.Select(t => apply(t, random)).ToList();
            families[family] = Recall(disguised);
        }

        return new EvasionReport(positives.Count, Recall(positives), families);
    }
}
