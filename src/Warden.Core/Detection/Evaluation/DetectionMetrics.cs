namespace Warden.Detection.Evaluation;

/// <summary>Detection metrics over scored, labelled texts.</summary>
/// <param name="Count">Texts scored.</param>
/// <param name="Positives">Texts labelled injection.</param>
/// <param name="Auc">Area under the ROC curve, or NaN with one class only.</param>
/// <param name="RecallAt1PercentFpr">Recall at the threshold where at most 1% of benign texts are flagged; NaN with one class only.</param>
/// <param name="Precision">Precision at the operating threshold.</param>
/// <param name="Recall">Recall at the operating threshold.</param>
/// <param name="F1">F1 at the operating threshold.</param>
/// <param name="FalsePositiveRate">Share of benign texts flagged at the operating threshold.</param>
public sealed record DetectionMetrics(int Count, int Positives, double Auc, [property: System.Text.Json.Serialization.JsonPropertyName("recall_at_1pct_fpr")] double RecallAt1PercentFpr, double Precision, double Recall, double F1, double FalsePositiveRate)
{
    /// <summary>Computes the metrics; a text is flagged when its score is at least <paramref name="threshold"/>.</summary>
    public static DetectionMetrics Compute(IReadOnlyList<(double Score, bool Label)> scored, double threshold = 0.5)
    {
        var positives = scored.Where(s => s.Label).Select(s => s.Score).ToArray();
        var negatives = scored.Where(s => !s.Label).Select(s => s.Score).ToArray();
        int tp = positives.Count(s => s >= threshold), fp = negatives.Count(s => s >= threshold);
        var precision = tp + fp == 0 ? double.NaN : (double)tp / (tp + fp);
        var recall = positives.Length == 0 ? double.NaN : (double)tp / positives.Length;
        // No injection caught: F1 is 0 (a detector that misses everything is bad, not undefined).
        var f1 = positives.Length == 0 ? double.NaN : tp == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new DetectionMetrics(
            scored.Count,
            positives.Length,
            AreaUnderCurve(positives, negatives),
            RecallAtFpr(positives, negatives, 0.01),
            precision,
            recall,
            f1,
            negatives.Length == 0 ? double.NaN : (double)fp / negatives.Length);
    }

    /// <summary>The Mann-Whitney estimate of AUC, ties counted half.</summary>
    private static double AreaUnderCurve(double[] positives, double[] negatives)
    {
        if (positives.Length == 0 || negatives.Length == 0)
        {
            return double.NaN;
        }

        var all = positives.Select(s => (Score: s, Positive: true)).Concat(negatives.Select(s => (Score: s, Positive: false)))
            .OrderBy(x => x.Score).ToArray();
        double rankSum = 0;
        for (var i = 0; i < all.Length;)
        {
            var j = i;
            while (j < all.Length && all[j].Score == all[i].Score)
            {
                j++;
            }

            var averageRank = (i + j + 1) / 2.0; // ranks are 1-based
            for (var k = i; k < j; k++)
            {
                if (all[k].Positive)
                {
                    rankSum += averageRank;
                }
            }

            i = j;
        }

        return (rankSum - positives.Length * (positives.Length + 1) / 2.0) / ((double)positives.Length * negatives.Length);
    }

    /// <summary>Recall at the lowest threshold that flags at most <paramref name="fpr"/> of the negatives.</summary>
    private static double RecallAtFpr(double[] positives, double[] negatives, double fpr)
    {
        if (positives.Length == 0 || negatives.Length == 0)
        {
            return double.NaN;
        }

        var sorted = negatives.OrderDescending().ToArray();
        var allowed = (int)Math.Floor(fpr * sorted.Length);

        // Flag scores strictly above the (allowed+1)-th highest negative: at most `allowed` negatives pass.
        var threshold = sorted[Math.Min(allowed, sorted.Length - 1)];
        return positives.Count(s => s > threshold) / (double)positives.Length;
    }
}
