namespace VlaRosNode.Kinematics.LinearAlgebra;

/// <summary>
/// Eigen decomposition of a symmetric 3x3 matrix by cyclic Jacobi rotations, on the stack (MathNet's allocates on
/// every call, which a per-step feature would pay each control step). Jacobi converges quadratically and is accurate
/// to rounding for every symmetric matrix, including repeated eigenvalues.
/// </summary>
internal static class SymmetricEigen3
{
    private const int MaxSweeps = 50;
    private const double Converged = 1e-18;

    /// <summary>Writes the eigenvalues of the row-major symmetric <paramref name="matrix"/> in ascending order to
    /// <paramref name="values"/> and the unit eigenvectors as the columns of the row-major <paramref name="vectors"/>, in
    /// the same order.</summary>
    public static void Decompose(ReadOnlySpan<double> matrix, Span<double> values, Span<double> vectors)
    {
        Span<double> a = stackalloc double[9];
        matrix.CopyTo(a);
        vectors.Clear();
        vectors[0] = vectors[4] = vectors[8] = 1;
        for (var sweep = 0; sweep < MaxSweeps; sweep++)
        {
            var offDiagonal = Math.Abs(a[1]) + Math.Abs(a[2]) + Math.Abs(a[5]);
            var diagonal = Math.Abs(a[0]) + Math.Abs(a[4]) + Math.Abs(a[8]);
            if (!(offDiagonal > Converged * diagonal) || !double.IsFinite(offDiagonal)) // diagonal to rounding (or all zero)
                break;
            Rotate(a, vectors, 0, 1);
            Rotate(a, vectors, 0, 2);
            Rotate(a, vectors, 1, 2);
        }
        SortAscending(a, values, vectors);
    }

    /// <summary>One Jacobi rotation in the (p, q) plane that zeroes a[p, q]: A' = J^T A J, V' = V J.</summary>
    private static void Rotate(Span<double> a, Span<double> v, int p, int q)
    {
        var apq = a[p * 3 + q];
        if (apq == 0)
            return;
        var theta = (a[q * 3 + q] - a[p * 3 + p]) / (2 * apq);
        // The smaller root of t^2 + 2 t theta - 1 = 0 (|angle| <= pi/4), written to avoid overflow for a large theta.
        var t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
        if (theta == 0)
            t = 1;
        var c = 1 / Math.Sqrt(t * t + 1);
        var s = t * c;
        for (var k = 0; k < 3; k++) // columns p and q of A J
        {
            var (akp, akq) = (a[k * 3 + p], a[k * 3 + q]);
            a[k * 3 + p] = c * akp - s * akq;
            a[k * 3 + q] = s * akp + c * akq;
        }
        for (var k = 0; k < 3; k++) // rows p and q of J^T (A J)
        {
            var (apk, aqk) = (a[p * 3 + k], a[q * 3 + k]);
            a[p * 3 + k] = c * apk - s * aqk;
            a[q * 3 + k] = s * apk + c * aqk;
        }
        a[p * 3 + q] = a[q * 3 + p] = 0; // exactly, by the choice of t
        for (var k = 0; k < 3; k++)
        {
            var (vkp, vkq) = (v[k * 3 + p], v[k * 3 + q]);
            v[k * 3 + p] = c * vkp - s * vkq;
            v[k * 3 + q] = s * vkp + c * vkq;
        }
    }

    private static void SortAscending(ReadOnlySpan<double> diagonalised, Span<double> values, Span<double> vectors)
    {
        for (var i = 0; i < 3; i++)
            values[i] = diagonalised[i * 4];
        for (var i = 1; i < 3; i++) // insertion sort, swapping eigenvector columns along
            for (var j = i; j > 0 && values[j] < values[j - 1]; j--)
            {
                (values[j], values[j - 1]) = (values[j - 1], values[j]);
                for (var r = 0; r < 3; r++)
                    (vectors[r * 3 + j], vectors[r * 3 + j - 1]) = (vectors[r * 3 + j - 1], vectors[r * 3 + j]);
            }
    }
}
