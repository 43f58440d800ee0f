namespace Warden.Detection.Model;

/// <summary>Settings of <see cref="ModelTrainer"/>; the defaults build the shipped model.</summary>
public sealed record TrainingOptions
{
    /// <summary>log2 of the number of hashed features.</summary>
    public int Bits { get; init; } = 18;

    /// <summary>The window length in characters: long texts are read as overlapping windows of this size.</summary>
    public int WindowChars { get; init; } = 512;

    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = 8;

    /// <summary>AdaGrad's base learning rate.</summary>
    public double LearningRate { get; init; } = 0.3;

    /// <summary>L2 penalty applied to the weights a step touches.</summary>
    public double L2 { get; init; } = 1e-6;

    /// <summary>
    /// How much a text's strongest window learns, relative to a full step, when one of its sentences
    /// or lines scored higher and took the step: enough that windows keep judging a one-line text on
    /// their own, not so much that the sentences' lessons are undone (0 turns the extra step off).
    /// </summary>
    public double WindowStepWeight { get; init; } = 0.5;

    /// <summary>The seed of every shuffle: training is reproducible.</summary>
    public int Seed { get; init; } = 20261124;

    /// <summary>The share of the training split kept aside to set the threshold.</summary>
    public double CalibrationFraction { get; init; } = 0.1;

    /// <summary>The false-positive rate on calibration negatives that the 0.5 threshold is set to.</summary>
    public double TargetFalsePositiveRate { get; init; } = 0.01;
}
