using MathNet.Numerics.LinearAlgebra;
using VlaRosNode.Kinematics.Chains;
using VlaRosNode.Kinematics.Geometry;

using VlaRosNode.Kinematics.LinearAlgebra;

namespace VlaRosNode.Kinematics.Ik;

/// <summary>
/// Inverse kinematics by damped least squares: dq = Jw^T (Jw Jw^T + lambda^2 I)^-1 ew with Jw, ew the
/// weighted Jacobian and pose error. Joint limits hold at every iterate: q is clamped after each step,
/// and a joint resting on a limit that the step would push through is taken out of the next solve so
/// the other joints make up for it.
/// Buffers are allocated once per solver: use one instance per thread.
/// </summary>
public sealed class DampedLeastSquaresIk
{
    private readonly KinematicChain chain;
    private readonly Matrix<double> jacobian;
    private readonly double[] normal = new double[36]; // Jw Jw^T + lambda^2 I, row-major
    private readonly double[] error = new double[6];   // weighted pose error, then the solved multipliers
    private readonly double[] step;
    private readonly bool[] locked;
    private readonly double[] best;

    public DampedLeastSquaresIk(KinematicChain chain, IkOptions? options = null)
    {
        this.chain = chain;
        Options = options ?? new IkOptions();
        if (!(Options.Damping > 0))
            throw new ArgumentException($"damping must be positive, got {Options.Damping}", nameof(options));
        jacobian = chain.CreateJacobian();
        step = new double[chain.Dof];
        locked = new bool[chain.Dof];
        best = new double[chain.Dof];
    }

    public IkOptions Options { get; }

    /// <summary>
    /// Solves for the tool pose <paramref name="target"/> (base frame). <paramref name="q"/> holds the seed on
    /// entry and the result on return: the converged solution, or else the best iterate found (within limits).
    /// </summary>
    public IkResult Solve(Pose3d target, Span<double> q)
    {
        if (q.Length != chain.Dof)
            throw new ArgumentException($"the chain has {chain.Dof} joints, got {q.Length} values", nameof(q));
        chain.Variables.Clamp(q);
        var result = Attempt(target, q);
        var iterations = result.Iterations;
        var attempt = 1;
        if (result.Converged || Options.RandomRestarts == 0)
            return result with { Attempts = attempt };

        q.CopyTo(best);
        var bestScore = Score(result);
        var random = new Random(Options.RestartSeed);
        while (attempt <= Options.RandomRestarts)
        {
            attempt++;
            chain.Variables.Sample(random, q);
            result = Attempt(target, q);
            iterations += result.Iterations;
            if (result.Converged)
                return result with { Iterations = iterations, Attempts = attempt };
            if (Score(result) < bestScore)
            {
                bestScore = Score(result);
                q.CopyTo(best);
            }
        }
        best.CopyTo(q);
        var (position, orientation) = PoseError(target, chain.ForwardKinematics(q));
        return new IkResult(false, iterations, attempt, position.Length, orientation.Length);
    }

    private IkResult Attempt(Pose3d target, Span<double> q)
    {
        var o = Options;
        var positionOnly = o.OrientationWeight == 0;
        double positionError = double.PositiveInfinity, orientationError = double.PositiveInfinity;
        for (var iteration = 0; iteration < o.MaxIterations; iteration++)
        {
            var pose = chain.Jacobian(q, jacobian);
            var (dp, dr) = PoseError(target, pose);
            positionError = dp.Length;
            orientationError = dr.Length;
            if (positionError <= o.PositionTolerance && (positionOnly || orientationError <= o.OrientationTolerance))
                return new IkResult(true, iteration, 1, positionError, orientationError);

            SetWeightedError(dp, dr);
            ComputeStep(q);
            var largest = 0.0;
            foreach (var s in step)
                largest = Math.Max(largest, Math.Abs(s));
            var scale = largest > o.MaxStep ? o.MaxStep / largest : 1;
            for (var j = 0; j < q.Length; j++)
                q[j] += step[j] * scale;
            chain.Variables.Clamp(q);
        }
        var (finalP, finalR) = PoseError(target, chain.ForwardKinematics(q));
        var converged = finalP.Length <= o.PositionTolerance && (positionOnly || finalR.Length <= o.OrientationTolerance);
        return new IkResult(converged, o.MaxIterations, 1, finalP.Length, finalR.Length);
    }

    /// <summary>
    /// dq for the current Jacobian, re-solved while some joint sits on a limit and the step points outward
    /// (at most once per joint, so it terminates). Locks last one iteration: a joint may leave its limit later.
    /// </summary>
    private void ComputeStep(ReadOnlySpan<double> q)
    {
        Array.Clear(locked);
        var lower = chain.Variables.Lower;
        var upper = chain.Variables.Upper;
        for (var pass = 0; pass <= q.Length; pass++)
        {
            SolveDampedStep();
            var newlyLocked = false;
            for (var j = 0; j < q.Length; j++)
            {
                if (locked[j])
                    continue;
                if ((q[j] <= lower[j] && step[j] < 0) || (q[j] >= upper[j] && step[j] > 0))
                {
                    locked[j] = true;
                    newlyLocked = true;
                }
            }
            if (!newlyLocked)
                return;
        }
    }

    private void SolveDampedStep()
    {
        var o = Options;
        var weights = (stackalloc double[] { o.PositionWeight, o.PositionWeight, o.PositionWeight, o.OrientationWeight, o.OrientationWeight, o.OrientationWeight });
        var lambda2 = o.Damping * o.Damping;
        var dof = chain.Dof;
        var columns = jacobian.AsColumnMajorArray(); // element (r, j) at 6 j + r
        for (var r = 0; r < 6; r++)
        {
            for (var c = r; c < 6; c++)
            {
                var sum = 0.0;
                for (var j = 0; j < dof; j++)
                    if (!locked[j])
                        sum += columns[6 * j + r] * columns[6 * j + c];
                sum *= weights[r] * weights[c];
                normal[r * 6 + c] = normal[c * 6 + r] = r == c ? sum + lambda2 : sum;
            }
        }
        Span<double> solved = stackalloc double[6];
        error.CopyTo(solved);
        if (!CholeskySolver.TrySolve(normal, solved, 6))
            throw new InvalidOperationException("the damped normal matrix is not positive definite (non-finite Jacobian?)");
        for (var j = 0; j < dof; j++)
        {
            var sum = 0.0;
            if (!locked[j])
                for (var r = 0; r < 6; r++)
                    sum += columns[6 * j + r] * weights[r] * solved[r];
            step[j] = sum;
        }
    }

    private void SetWeightedError(Vector3d dp, Vector3d dr)
    {
        var (wp, wr) = (Options.PositionWeight, Options.OrientationWeight);
        error[0] = wp * dp.X;
        error[1] = wp * dp.Y;
        error[2] = wp * dp.Z;
        error[3] = wr * dr.X;
        error[4] = wr * dr.Y;
        error[5] = wr * dr.Z;
    }

    /// <summary>Position error and orientation error (rotation vector of R_target R^T), both in the base frame.</summary>
    public static (Vector3d Position, Vector3d Orientation) PoseError(Pose3d target, Pose3d current) =>
        (target.Position - current.Position, (target.Rotation * current.Rotation.Transposed()).ToRotationVector());

    private double Score(IkResult r) => Options.PositionWeight * r.PositionError + Options.OrientationWeight * r.OrientationError;
}
