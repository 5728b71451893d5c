using MathNet.Numerics.LinearAlgebra;
using VlaRosNode.Kinematics.Geometry;

namespace VlaRosNode.Kinematics.Features;

/// <summary>
/// Least-squares circle through 3-D points: centre the points, take the best-fit plane (the two largest
/// principal directions), then fit x^2 + y^2 + D x + E y + F = 0 in that plane (Kasa's algebraic fit).
/// </summary>
public static class CircleFit
{
    /// <summary>Below this ratio of the second to the largest principal variance the points are a line.</summary>
    public const double CollinearRatio = 1e-12;

    /// <summary>The radius (m) of the fitted circle; +infinity for collinear or coincident points.</summary>
    public static double Radius(PoseWindow window)
    {
        if (window.Length < 3)
            throw new ArgumentException($"a circle needs at least 3 points, got {window.Length}", nameof(window));

        var mean = Vector3d.Zero;
        for (var i = 0; i < window.Length; i++)
            mean += window.Position(i);
        mean /= window.Length;

        var scatter = Matrix<double>.Build.Dense(3, 3);
        for (var i = 0; i < window.Length; i++)
        {
            var p = window.Position(i) - mean;
            double[] c = [p.X, p.Y, p.Z];
            for (var r = 0; r < 3; r++)
                for (var k = 0; k < 3; k++)
                    scatter[r, k] += c[r] * c[k];
        }
        var evd = scatter.Evd(Symmetricity.Symmetric); // eigenvalues ascending
        var largest = evd.EigenValues[2].Real;
        if (largest <= 0 || evd.EigenValues[1].Real <= CollinearRatio * largest)
            return double.PositiveInfinity;
        var u = evd.EigenVectors.Column(2);
        var v = evd.EigenVectors.Column(1);

        var normal = Matrix<double>.Build.Dense(3, 3);
        var rhs = Vector<double>.Build.Dense(3);
        for (var i = 0; i < window.Length; i++)
        {
            var p = window.Position(i) - mean;
            var x = u[0] * p.X + u[1] * p.Y + u[2] * p.Z;
            var y = v[0] * p.X + v[1] * p.Y + v[2] * p.Z;
            double[] row = [x, y, 1];
            var b = -(x * x + y * y);
            for (var r = 0; r < 3; r++)
            {
                rhs[r] += row[r] * b;
                for (var k = 0; k < 3; k++)
                    normal[r, k] += row[r] * row[k];
            }
        }
        var solution = normal.Solve(rhs); // (D, E, F): centre (-D/2, -E/2), r^2 = (D^2 + E^2)/4 - F
        var squared = (solution[0] * solution[0] + solution[1] * solution[1]) / 4 - solution[2];
        return squared > 0 && double.IsFinite(squared) ? Math.Sqrt(squared) : double.PositiveInfinity;
    }
}
