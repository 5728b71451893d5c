namespace VlaRosNode.Sim.Expert;

/// <summary>Settings of the <see cref="ScriptedExpert"/>. With noise, demonstrations drift off the ideal path
/// and show the expert correcting itself; a perturbation pushes the arm away for a few steps on purpose.</summary>
public sealed record ExpertOptions
{
    /// <summary>Standard deviation of Gaussian noise added to x, y, z and yaw of the executed action (normalised units).</summary>
    public double ActionNoise { get; init; }

    /// <summary>Chance per step of starting a perturbation: a few steps of a random push.</summary>
    public double PerturbationProbability { get; init; }

    /// <summary>Length of a perturbation, steps.</summary>
    public int PerturbationSteps { get; init; } = 6;

    /// <summary>Largest change of an executed motion dimension between steps (normalised units): keeps the arm smooth; labels are not limited.</summary>
    public double MaxActionChange { get; init; } = 0.3;

    /// <summary>Seed of the noise generator (the demo writer derives one per episode).</summary>
    public int Seed { get; init; }

    /// <summary>The noise used for datasets: mild jitter and occasional pushes.</summary>
    public static ExpertOptions Demonstration(int seed) => new() { ActionNoise = 0.1, PerturbationProbability = 0.01, Seed = seed };

    /// <exception cref="ArgumentOutOfRangeException">A value out of its range.</exception>
    public void Validate()
    {
        if (ActionNoise is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(ActionNoise), ActionNoise, "must be in [0, 1]");
        if (PerturbationProbability is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(PerturbationProbability), PerturbationProbability, "must be in [0, 1]");
        if (PerturbationSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(PerturbationSteps), PerturbationSteps, "must be at least 1");
        if (MaxActionChange is <= 0 or > 2)
            throw new ArgumentOutOfRangeException(nameof(MaxActionChange), MaxActionChange, "must be in (0, 2]");
    }
}
