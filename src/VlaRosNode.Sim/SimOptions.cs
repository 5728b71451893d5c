namespace VlaRosNode.Sim;

/// <summary>Settings of a <see cref="TabletopEnv"/>; the defaults are the ones the datasets and benchmarks use.</summary>
public sealed record SimOptions
{
    /// <summary>Camera image width and height, pixels.</summary>
    public int ImageWidth { get; init; } = 128;
    public int ImageHeight { get; init; } = 128;

    /// <summary>Step limit of an episode per pick-and-place in the task (a two-step task gets twice as many).</summary>
    public int MaxStepsPerGoal { get; init; } = 200;

    /// <summary>Largest random offset of each joint from the ready pose at reset, rad (varies the start).</summary>
    public double InitialJointNoise { get; init; } = 0.05;

    /// <exception cref="ArgumentOutOfRangeException">A value out of its range.</exception>
    public void Validate()
    {
        if (ImageWidth is < 8 or > 4096 || ImageHeight is < 8 or > 4096)
            throw new ArgumentOutOfRangeException(nameof(ImageWidth), $"image size {ImageWidth}x{ImageHeight} is outside 8..4096");
        if (MaxStepsPerGoal < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxStepsPerGoal), MaxStepsPerGoal, "must be at least 1");
        if (InitialJointNoise is < 0 or > 0.5)
            throw new ArgumentOutOfRangeException(nameof(InitialJointNoise), InitialJointNoise, "must be in [0, 0.5] rad");
    }
}
