using VlaRosNode.Kinematics.Filtering;

namespace VlaRosNode.Policy.Decoding;

/// <summary>How KERV moves its acceptance threshold.</summary>
public enum ThresholdSchedule
{
    /// <summary>The paper: r follows the kinematic variability of the recent motion (smooth = large r).</summary>
    Kinematic,

    /// <summary>The released code: r = r_min + (r_max - r_min) exp(-(t / tau)^3) over the episode's steps.</summary>
    Time,
}

/// <summary>Settings of <c>kerv</c>; paper defaults, the released code's values in the comments.</summary>
public sealed record KervOptions
{
    /// <summary>Range of the relaxed-acceptance threshold r in action bins (paper 5..15).</summary>
    public int MinTolerance { get; init; } = 5;
    public int MaxTolerance { get; init; } = 15;

    public ThresholdSchedule Schedule { get; init; } = ThresholdSchedule.Kinematic;

    /// <summary>Time constant of <see cref="ThresholdSchedule.Time"/>, in control steps.</summary>
    public double Tau { get; init; } = 30;

    /// <summary>Window of end-effector positions the variability is measured over, with HeiSD's calibrated
    /// fused metric (straight and fast = smooth); r_min until the window is full.</summary>
    public int Window { get; init; } = 5;

    /// <summary>Kalman compensation runs on every n-th step (code: 4); other steps regenerate with the target.</summary>
    public int FillEvery { get; init; } = 4;

    /// <summary>Executed actions the Kalman filter is run over (paper: 10).</summary>
    public int KalmanContext { get; init; } = 10;

    /// <summary>Motion model of each action dimension (the paper's kinematic reading: constant velocity; code: random walk).</summary>
    public MotionModel Motion { get; init; } = MotionModel.ConstantVelocity;

    /// <summary>Filter noise (code: Q = 1, R = 1e-3, P0 = 10).</summary>
    public double ProcessNoise { get; init; } = 1;
    public double MeasurementNoise { get; init; } = 1e-3;
    public double InitialCovariance { get; init; } = 10;

    /// <summary>true: keep the target's token at the first rejected position (free from the verify pass) and fill
    /// only after it; false (paper): fill from the first rejected position.</summary>
    public bool KeepTargetCorrection { get; init; }

    /// <summary>On steps without Kalman fill: redraft instead of target regeneration (see <see cref="SpecOptions.Redraft"/>).</summary>
    public bool Redraft { get; init; }

    /// <summary>Draft tokens per verification pass (parameter <c>draft_length</c>); the Kalman fill starts at the
    /// first rejection, whichever round it falls in.</summary>
    public DraftingOptions Drafting { get; init; } = new();

    public KalmanOptions Kalman => new()
    {
        Model = Motion, ProcessNoise = ProcessNoise, MeasurementNoise = MeasurementNoise, InitialCovariance = InitialCovariance,
    };
}
