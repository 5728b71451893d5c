namespace VlaRosNode.Kinematics.LinearAlgebra;

/// <summary>
/// In-place Cholesky solve of a small symmetric positive-definite system, allocation-free (MathNet's
/// factorisation allocates on every call, which the IK loop and the per-step circle fit would pay).
/// </summary>
internal static class CholeskySolver
{
    /// <summary>Solves A x = b; <paramref name="a"/> (n x n row-major) is overwritten by L, <paramref name="b"/> by x.
    /// False, with both left meaningless, when A is not positive definite (or not finite).</summary>
    public static bool TrySolve(Span<double> a, Span<double> b, int n)
    {
        for (var j = 0; j < n; j++)
        {
            var diagonal = a[j * n + j];
            for (var k = 0; k < j; k++)
                diagonal -= a[j * n + k] * a[j * n + k];
            if (!(diagonal > 0))
                return false;
            var l = Math.Sqrt(diagonal);
            a[j * n + j] = l;
            for (var i = j + 1; i < n; i++)
            {
                var sum = a[i * n + j];
                for (var k = 0; k < j; k++)
                    sum -= a[i * n + k] * a[j * n + k];
                a[i * n + j] = sum / l;
            }
        }
        for (var i = 0; i < n; i++) // L y = b
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
                sum -= a[i * n + k] * b[k];
            b[i] = sum / a[i * n + i];
        }
        for (var i = n - 1; i >= 0; i--) // L^T x = y
        {
            var sum = b[i];
            for (var k = i + 1; k < n; k++)
                sum -= a[k * n + i] * b[k];
            b[i] = sum / a[i * n + i];
        }
        return true;
    }
}
