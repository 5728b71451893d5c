namespace VlaRosNode.Kinematics.Filtering;

/// <summary>
/// Kalman settings for one action dimension. Defaults are KERV's released code (P0 = 10, Q = 1, R = 1e-3,
/// one step per action); ProcessNoise is the spectral density q of white noise on the highest derivative.
/// </summary>
public sealed record KalmanOptions
{
    public MotionModel Model { get; init; } = MotionModel.RandomWalk;

    /// <summary>Time between actions, in whatever unit the rates should use (1 = per control step).</summary>
    public double Dt { get; init; } = 1;

    public double ProcessNoise { get; init; } = 1;
    public double MeasurementNoise { get; init; } = 1e-3;
    public double InitialCovariance { get; init; } = 10;
}
