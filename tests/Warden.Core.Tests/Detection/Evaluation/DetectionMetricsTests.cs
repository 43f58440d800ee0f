using Warden.Detection.Evaluation;

namespace Warden.Tests.Detection.Evaluation;

public sealed class DetectionMetricsTests
{
    [Fact]
    public void Perfect_separation_gives_auc_1_and_full_recall()
    {
        var scored = new[] { (0.9, true), (0.8, true), (0.2, false), (0.1, false) };

        var metrics = DetectionMetrics.Compute(scored);

        Assert.Equal((1.0, 1.0, 1.0, 1.0, 0.0), (metrics.Auc, metrics.RecallAt1PercentFpr, metrics.Precision, metrics.Recall, metrics.FalsePositiveRate));
    }

    [Fact]
    public void Auc_counts_ties_as_half()
    {
        var metrics = DetectionMetrics.Compute([(0.5, true), (0.5, false)]);

        Assert.Equal(0.5, metrics.Auc);
    }

    [Fact]
    public void Recall_at_1_percent_fpr_lets_at_most_1_percent_of_negatives_through()
    {
        // 200 negatives scored 0..0.199; two may pass. Positives at 0.1985 and above pass, below do not.
        var negatives = Enumerable.Range(0, 200).Select(i => (i / 1000.0, false));
        var positives = new[] { (0.1985, true), (0.3, true), (0.05, true), (0.1, true) };

        var metrics = DetectionMetrics.Compute(negatives.Concat(positives).ToList());

        Assert.Equal(0.5, metrics.RecallAt1PercentFpr);
    }

    [Fact]
    public void A_detector_that_catches_nothing_has_f1_0_not_undefined()
    {
        var metrics = DetectionMetrics.Compute([(0.1, true), (0.2, true), (0.3, false)]);

        Assert.Equal(0, metrics.Recall);
        Assert.Equal(0, metrics.F1);
        Assert.True(double.IsNaN(metrics.Precision)); // nothing flagged
    }

    [Fact]
    public void One_class_only_gives_nan_where_undefined()
    {
        var metrics = DetectionMetrics.Compute([(0.7, true), (0.2, true)]);

        Assert.True(double.IsNaN(metrics.Auc));
        Assert.Equal(0.5, metrics.Recall);
    }
}
