using VlaRosNode.Kinematics.Features;
using VlaRosNode.Kinematics.Filtering;
using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Kinematics.Ik;
using VlaRosNode.Kinematics.Motion;
using VlaRosNode.Kinematics.Robots;

namespace VlaRosNode.Cli.Commands.Bench;

/// <summary>
/// The kinematics a control step runs, each as a benchmark row: FK, Jacobian, IK (control-loop step and
/// far random targets), the end-effector twist, every feature at its paper window, and the action Kalman filters.
/// </summary>
public static class KinematicsWorkloads
{
    public static List<BenchmarkRow> Run(ShippedRobot robot, MicroBenchmark bench, int calls, out string ikSummary)
    {
        var arm = robot.Arm;
        var q = robot.ReadyPose.ToArray();
        var rows = new List<BenchmarkRow>();
        var dof = $"{arm.Dof} joints";

        rows.Add(bench.Measure("FK tool pose", dof, calls, () => arm.ForwardKinematics(q).Position.X));
        var chainPoses = new Pose3d[arm.LinkNames.Count];
        rows.Add(bench.Measure("FK chain link poses", $"{chainPoses.Length} links", calls, () => arm.ForwardKinematics(q, chainPoses).Position.X));
        var treeQ = new double[robot.Tree.Variables.Count];
        var treePoses = new Pose3d[robot.Tree.LinkNames.Count];
        rows.Add(bench.Measure("FK whole tree", $"{treePoses.Length} links", calls, () =>
        {
            robot.Tree.ForwardKinematics(treeQ, treePoses);
            return treePoses[^1].Position.X;
        }));
        var jacobian = arm.CreateJacobian();
        rows.Add(bench.Measure("Jacobian 6xN", dof, calls, () => arm.Jacobian(q, jacobian).Position.X + jacobian[0, 0]));

        rows.Add(ControlStepIk(robot, bench, calls / 10));
        rows.Add(RandomTargetIk(robot, bench, Math.Max(10, calls / 200), out ikSummary));

        var twist = new EndEffectorTwistEstimator(arm);
        var names = arm.Variables.Names;
        var velocities = Enumerable.Repeat(0.1, arm.Dof).ToArray();
        var stamp = 0.0;
        rows.Add(bench.Measure("EE twist J(q) qdot", "velocities given", calls, () =>
        {
            twist.TryUpdate(names, q, velocities, stamp += 0.01, out var t);
            return t.Linear.X;
        }));
        var tracker = new KinematicsTracker(arm);
        var moving = (double[])q.Clone();
        rows.Add(bench.Measure("tracker update", "no velocities: FD twist + history", calls, () =>
        {
            moving[0] += 1e-4;
            tracker.Update(names, moving, [], stamp += 0.01);
            return tracker.Twist.Angular.Z;
        }));

        var history = SpiralHistory(32);
        var fused = new FusedMetricOptions();
        rows.Add(bench.Measure("speed", "w=5", calls, () => KinematicFeatures.Speed(history, 5)));
        rows.Add(bench.Measure("displacement D", "w=15", calls, () => KinematicFeatures.Displacement(history, 15)));
        rows.Add(bench.Measure("curvature radius R", "w=5", calls, () => KinematicFeatures.CurvatureRadius(history, 5)));
        rows.Add(bench.Measure("curvature radius R", "w=15", calls, () => KinematicFeatures.CurvatureRadius(history, 15)));
        rows.Add(bench.Measure("motion fineness M", "w=10", calls, () => KinematicFeatures.MotionFineness(history, 10)));
        rows.Add(bench.Measure("angular jerk J", "w=5", calls, () => KinematicFeatures.AngularJerk(history, 5)));
        rows.Add(bench.Measure("fused metric F", $"w={fused.Window}", calls, () => FusedKinematicMetric.TryCompute(history, fused, out var f) ? f : 0));

        foreach (var model in Enum.GetValues<MotionModel>())
        {
            var filter = new ActionStreamFilter(7, new KalmanOptions { Model = model });
            var action = new double[7];
            var forecast = new double[7];
            var k = 0;
            rows.Add(bench.Measure($"Kalman {model}", "7 dims, observe + forecast 1", calls, () =>
            {
                action[0] = 0.01 * ++k;
                filter.Observe(action);
                filter.Forecast(1, forecast);
                return forecast[0];
            }));
        }
        return rows;
    }

    /// <summary>The ActionMapper's case: a target a few millimetres from the current tool pose, seeded with q.</summary>
    private static BenchmarkRow ControlStepIk(ShippedRobot robot, MicroBenchmark bench, int calls)
    {
        var solver = new DampedLeastSquaresIk(robot.Arm);
        var q = robot.ReadyPose.ToArray();
        var start = robot.Arm.ForwardKinematics(q);
        var step = 0;
        var row = bench.Measure("IK control step", "3 mm + 0.01 rad, seeded", calls, () =>
        {
            var phase = 0.05 * ++step;
            var target = new Pose3d(start.Rotation * Rotation3d.FromAxisAngle(Vector3d.UnitZ, 0.1 * Math.Sin(phase)),
                start.Position + new Vector3d(0.06 * Math.Sin(phase), 0.06 * (1 - Math.Cos(phase)), 0));
            return solver.Solve(target, q).PositionError;
        });
        return row;
    }

    /// <summary>Random reachable poses (FK of random in-limit q) solved from the ready pose, with restarts.</summary>
    private static BenchmarkRow RandomTargetIk(ShippedRobot robot, MicroBenchmark bench, int calls, out string summary)
    {
        var solver = new DampedLeastSquaresIk(robot.Arm, new IkOptions { RandomRestarts = 8 });
        var random = new Random(1);
        var q = new double[robot.Arm.Dof];
        var truth = new double[robot.Arm.Dof];
        int solved = 0, total = 0, iterations = 0;
        var row = bench.Measure("IK random reachable pose", "from ready pose, <= 8 restarts", calls, () =>
        {
            robot.Arm.Variables.Sample(random, truth);
            robot.ReadyPose.CopyTo(q);
            var result = solver.Solve(robot.Arm.ForwardKinematics(truth), q);
            total++;
            iterations += result.Iterations;
            if (result.Converged)
                solved++;
            return result.PositionError;
        });
        summary = $"IK random reachable poses: {solved}/{total} converged ({100.0 * solved / total:F1}%), {iterations / (double)total:F1} iterations per solve";
        return row;
    }

    /// <summary>A helix sampled at 20 Hz with a turning tool: curved, moving, rotating.</summary>
    private static PoseHistory SpiralHistory(int samples)
    {
        var history = new PoseHistory(samples);
        for (var i = 0; i < samples; i++)
        {
            var a = 0.15 * i;
            history.Add(0.05 * i, new Pose3d(Rotation3d.FromRpy(0.1 * a, 0.05 * a * a, 0.2),
                new Vector3d(0.4 + 0.05 * Math.Cos(a), 0.05 * Math.Sin(a), 0.3 + 0.002 * i)));
        }
        return history;
    }
}
