using MathNet.Numerics.LinearAlgebra;
using VlaRosNode.Kinematics.LinearAlgebra;

namespace VlaRosNode.Kinematics.Tests;

/// <summary>The small allocation-free solvers the IK loop and the per-step circle fit use, against MathNet.</summary>
public class LinearAlgebraTests
{
    [TestCase(new[] { 2.0, 0, 0, 0, 1, 0, 0, 0, 3 })]
    [TestCase(new[] { 1.0, 0, 0, 0, 1, 0, 0, 0, 1 })]               // one eigenvalue three times
    [TestCase(new[] { 0.0, 1, 0, 1, 0, 0, 0, 0, 0 })]               // zero diagonal
    [TestCase(new[] { 4.0, 1, -2, 1, 2, 0.5, -2, 0.5, 3 })]
    [TestCase(new[] { 1e-8, 3e-9, 0, 3e-9, 2e-8, 1e-9, 0, 1e-9, 5e-12 })] // a scatter matrix's scale
    public void SymmetricEigenDecompositionMatchesMathNet(double[] matrix)
    {
        Span<double> values = stackalloc double[3];
        Span<double> vectors = stackalloc double[9];
        SymmetricEigen3.Decompose(matrix, values, vectors);
        var m = Matrix<double>.Build.DenseOfRowMajor(3, 3, matrix);
        var reference = m.Evd(Symmetricity.Symmetric).EigenValues.Select(v => v.Real).ToArray();
        var scale = Math.Max(1e-300, matrix.Max(Math.Abs));
        for (var i = 0; i < 3; i++)
        {
            Assert.That(values[i], Is.EqualTo(reference[i]).Within(1e-12 * scale), $"eigenvalue {i}");
            var v = Vector<double>.Build.DenseOfArray([vectors[i], vectors[3 + i], vectors[6 + i]]);
            Assert.That(v.L2Norm(), Is.EqualTo(1).Within(1e-12), $"eigenvector {i} is a unit vector");
            Assert.That((m * v - values[i] * v).L2Norm(), Is.LessThan(1e-12 * scale), $"A v = lambda v for eigenvector {i}");
        }
    }

    [Test]
    public void CholeskySolvesAPositiveDefiniteSystemAndRefusesOthers()
    {
        double[] a = [4, 2, 0.6, 2, 5, 1, 0.6, 1, 3];
        double[] b = [1, -2, 0.5];
        var expected = Matrix<double>.Build.DenseOfRowMajor(3, 3, a).Solve(Vector<double>.Build.DenseOfArray(b));
        var (l, x) = ((double[])a.Clone(), (double[])b.Clone());
        Assert.That(CholeskySolver.TrySolve(l, x, 3), Is.True);
        Assert.That(x, Is.EqualTo(expected.ToArray()).Within(1e-12));

        Assert.That(CholeskySolver.TrySolve([1, 2, 2, 1], [1, 1], 2), Is.False, "indefinite");
        Assert.That(CholeskySolver.TrySolve([1, 0, 0, 0], [1, 1], 2), Is.False, "singular");
        Assert.That(CholeskySolver.TrySolve([double.NaN, 0, 0, 1], [1, 1], 2), Is.False, "not finite");
    }
}
