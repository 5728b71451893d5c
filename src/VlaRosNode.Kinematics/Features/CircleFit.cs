using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Kinematics.LinearAlgebra;

namespace VlaRosNode.Kinematics.Features;

/// <summary>
/// Least-squares circle through 3-D points: centre the points, take the best-fit plane (the two largest
/// principal directions), then fit x^2 + y^2 + D x + E y + F = 0 in that plane (Kasa's algebraic fit).
/// Allocation-free: HeiSD and KERV run it on every control step.
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

        Span<double> scatter = stackalloc double[9]; // row-major, symmetric
        Span<double> c = stackalloc double[3];
        for (var i = 0; i < window.Length; i++)
        {
            var p = window.Position(i) - mean;
            (c[0], c[1], c[2]) = (p.X, p.Y, p.Z);
            for (var r = 0; r < 3; r++)
                for (var k = 0; k < 3; k++)
                    scatter[r * 3 + k] += c[r] * c[k];
        }
        Span<double> axes = stackalloc double[9];
        Span<double> variances = stackalloc double[3];
        SymmetricEigen3.Decompose(scatter, variances, axes); // ascending; axes' columns are the directions
        var largest = variances[2];
        if (largest <= 0 || variances[1] <= CollinearRatio * largest)
            return double.PositiveInfinity;
        var u = new Vector3d(axes[2], axes[5], axes[8]);
        var v = new Vector3d(axes[1], axes[4], axes[7]);

        Span<double> normal = stackalloc double[9];
        Span<double> rhs = stackalloc double[3];
        Span<double> row = stackalloc double[3];
        for (var i = 0; i < window.Length; i++)
        {
            var p = window.Position(i) - mean;
            var (x, y) = (Vector3d.Dot(u, p), Vector3d.Dot(v, p));
            (row[0], row[1], row[2]) = (x, y, 1);
            var b = -(x * x + y * y);
            for (var r = 0; r < 3; r++)
            {
                rhs[r] += row[r] * b;
                for (var k = 0; k < 3; k++)
                    normal[r * 3 + k] += row[r] * row[k];
            }
        }
        // (D, E, F): centre (-D/2, -E/2), r^2 = (D^2 + E^2)/4 - F. The normal matrix is positive definite for points
        // that span a plane (checked above); rounding may still make it fail, and then there is no circle.
        if (!CholeskySolver.TrySolve(normal, rhs, 3))
            return double.PositiveInfinity;
        var squared = (rhs[0] * rhs[0] + rhs[1] * rhs[1]) / 4 - rhs[2];
        return squared > 0 && double.IsFinite(squared) ? Math.Sqrt(squared) : double.PositiveInfinity;
    }
}
