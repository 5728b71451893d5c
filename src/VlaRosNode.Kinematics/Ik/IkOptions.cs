namespace VlaRosNode.Kinematics.Ik;

/// <summary>Settings of <see cref="DampedLeastSquaresIk"/>; the defaults suit arms of about a metre.</summary>
public sealed record IkOptions
{
    public int MaxIterations { get; init; } = 200;

    /// <summary>Converged when the position error (m) is at most this...</summary>
    public double PositionTolerance { get; init; } = 1e-5;

    /// <summary>...and the orientation error (rad) at most this (ignored when <see cref="OrientationWeight"/> is 0).</summary>
    public double OrientationTolerance { get; init; } = 1e-4;

    /// <summary>Weight of the position error rows (per metre).</summary>
    public double PositionWeight { get; init; } = 1;

    /// <summary>Weight of the orientation error rows (per radian); 0 solves for position only.</summary>
    public double OrientationWeight { get; init; } = 0.5;

    /// <summary>Damping lambda (> 0) of (J J^T + lambda^2 I): larger is steadier near singularities, slower elsewhere.</summary>
    public double Damping { get; init; } = 0.05;

    /// <summary>Largest change of any joint in one iteration (rad or m), so a far target is approached in steps.</summary>
    public double MaxStep { get; init; } = 0.3;

    /// <summary>Extra attempts from random in-limit seeds when the first one does not converge.</summary>
    public int RandomRestarts { get; init; }

    /// <summary>Seed of the restart generator, so results are reproducible.</summary>
    public int RestartSeed { get; init; } = 1;
}
