using MathNet.Numerics.LinearAlgebra;

namespace VlaRosNode.Kinematics.Tests.Support;

/// <summary>
/// The manufacturers' published DH tables and plain 4x4 homogeneous products of them: an FK reference
/// that shares no code with the URDF path under test.
/// </summary>
public static class DhTables
{
    public readonly record struct DhRow(double A, double D, double Alpha);

    /// <summary>Franka docs, "Robot and interface specifications": Craig's convention; the last row is the flange.</summary>
    public static readonly DhRow[] PandaModified =
    [
        new(0, 0.333, 0), new(0, 0, -Math.PI / 2), new(0, 0.316, Math.PI / 2), new(0.0825, 0, Math.PI / 2),
        new(-0.0825, 0.384, -Math.PI / 2), new(0, 0, Math.PI / 2), new(0.088, 0, Math.PI / 2), new(0, 0.107, 0),
    ];

    /// <summary>Universal Robots, "DH parameters for calculations of kinematics and dynamics", UR5e, standard convention.</summary>
    public static readonly DhRow[] Ur5eStandard =
    [
        new(0, 0.1625, Math.PI / 2), new(-0.425, 0, 0), new(-0.3922, 0, 0),
        new(0, 0.1333, Math.PI / 2), new(0, 0.0997, -Math.PI / 2), new(0, 0.0996, 0),
    ];

    /// <summary>Modified DH: T = RotX(alpha) TransX(a) RotZ(theta) TransZ(d); rows past q's length use theta = 0.</summary>
    public static Matrix<double> ModifiedDhFk(DhRow[] table, double[] q)
    {
        var t = Matrix<double>.Build.DenseIdentity(4);
        for (var i = 0; i < table.Length; i++)
        {
            var theta = i < q.Length ? q[i] : 0;
            t = t * RotX(table[i].Alpha) * Trans(table[i].A, 0, 0) * RotZ(theta) * Trans(0, 0, table[i].D);
        }
        return t;
    }

    /// <summary>Standard DH: T = RotZ(theta) TransZ(d) TransX(a) RotX(alpha).</summary>
    public static Matrix<double> StandardDhFk(DhRow[] table, double[] q)
    {
        var t = Matrix<double>.Build.DenseIdentity(4);
        for (var i = 0; i < table.Length; i++)
            t = t * RotZ(q[i]) * Trans(0, 0, table[i].D) * Trans(table[i].A, 0, 0) * RotX(table[i].Alpha);
        return t;
    }

    public static Matrix<double> RotX(double a) => Matrix<double>.Build.DenseOfArray(new[,]
    {
        { 1, 0, 0, 0 }, { 0, Math.Cos(a), -Math.Sin(a), 0 }, { 0, Math.Sin(a), Math.Cos(a), 0 }, { 0, 0, 0, 1 },
    });

    public static Matrix<double> RotZ(double a) => Matrix<double>.Build.DenseOfArray(new[,]
    {
        { Math.Cos(a), -Math.Sin(a), 0, 0 }, { Math.Sin(a), Math.Cos(a), 0, 0 }, { 0, 0, 1, 0 }, { 0, 0, 0, 1 },
    });

    public static Matrix<double> Trans(double x, double y, double z) => Matrix<double>.Build.DenseOfArray(new[,]
    {
        { 1, 0, 0, x }, { 0, 1, 0, y }, { 0, 0, 1, z }, { 0, 0, 0, 1 },
    });
}
