using System.Numerics;
using VlaRosNode.Sim.Arm;
using VlaRosNode.Sim.Scene;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Sim.Expert;

/// <summary>
/// A closed-loop pick-and-place script that reads the true scene state: for each goal of the task it approaches
/// the object from above (turning a cube's faces to the fingers), descends, closes, lifts, carries, lowers,
/// releases and retreats. The label is proportional to the remaining error and clipped: a function of the state a
/// camera sees. The executed action is that label rate-limited (so the arm moves smoothly) plus noise (DART style).
/// It re-plans from whatever state it finds, so noise, pushes and missed grasps become recoveries.
/// </summary>
public sealed class ScriptedExpert
{
    private enum Phase { Approach, Descend, Close, Lift, Transport, Lower, Release, Retreat, Finished }

    /// <summary>Heights of the tool centre point, m.</summary>
    private const float HoverAboveObject = 0.08f, CarryHeight = 0.17f, ReleaseGap = 0.012f, GraspDepth = 0.022f;

    /// <summary>Position and orientation gains: the fraction of the remaining error asked for in one step.</summary>
    private const float PositionGain = 0.6f, RotationGain = 0.6f;

    private const float FineTolerance = 0.004f, CoarseTolerance = 0.02f, YawTolerance = 0.05f;
    private const int CloseTimeout = 25;

    /// <summary>Dimensions that get execution noise: x, y, z and yaw. A tilt (roll, pitch) of a few hundredths of
    /// a radian is invisible to the cameras, so the expert's corrections of it would be labels no image-based
    /// policy can infer (their cross-entropy stayed at chance in training) and a policy's guesses there tilt the tool.</summary>
    private static readonly int[] NoisyDimensions = [0, 1, 2, 5];

    private readonly ExpertOptions _options;
    /// <summary>The last executed motion before noise: the rate limit applies to it, never to the label, because a
    /// label that depends on the previous one depends on something no single image shows.</summary>
    private readonly float[] _smoothed = new float[DeltaAction.Dimensions];
    private Random _noise;
    private Phase _phase;
    private int _goal, _phaseSteps, _pushLeft;
    private Vector3 _push;
    private float _homeYaw;

    public ScriptedExpert(ExpertOptions? options = null)
    {
        _options = options ?? new ExpertOptions();
        _options.Validate();
        _noise = new Random(_options.Seed);
    }

    /// <summary>Steps that carried a deliberate push (for statistics on recoveries).</summary>
    public int PerturbedSteps { get; private set; }

    /// <summary>Grasps that closed on nothing and were retried.</summary>
    public int Regrasps { get; private set; }

    /// <summary>Starts on a freshly reset environment, with the noise generator seeded by <paramref name="noiseSeed"/>.</summary>
    public void Reset(TabletopEnv env, int noiseSeed)
    {
        _noise = new Random(noiseSeed);
        _phase = Phase.Approach;
        _goal = _phaseSteps = _pushLeft = 0;
        PerturbedSteps = Regrasps = 0;
        Array.Clear(_smoothed);
        _homeYaw = ToolYaw(env.Arm.Tcp.Rotation);
    }

    /// <summary>Writes the clean action into <paramref name="label"/> and the action to execute into <paramref name="executed"/>.</summary>
    public void Act(TabletopEnv env, Span<float> label, Span<float> executed)
    {
        var (position, yaw, close) = Target(env);
        var tcp = env.Arm.Tcp;
        var delta = (position - tcp.Position) * (PositionGain / DeltaAction.PositionScale);
        var rotation = RotationVector(Quaternion.Normalize(DownAtYaw(yaw) * Quaternion.Conjugate(tcp.Rotation))) * (RotationGain / DeltaAction.RotationScale);
        Span<float> raw = [delta.X, delta.Y, delta.Z, rotation.X, rotation.Y, rotation.Z];
        var step = (float)_options.MaxActionChange;
        for (var i = 0; i < raw.Length; i++)
        {
            label[i] = Math.Clamp(raw[i], -1f, 1f);
            _smoothed[i] = Math.Clamp(label[i], _smoothed[i] - step, _smoothed[i] + step);
            executed[i] = _smoothed[i];
        }
        label[6] = executed[6] = close ? 1f : -1f;
        AddNoise(executed);
    }

    /// <summary>Pushes and jitter on top of the smoothed action.</summary>
    private void AddNoise(Span<float> executed)
    {
        if (_pushLeft == 0 && _options.PerturbationProbability > 0 && _noise.NextDouble() < _options.PerturbationProbability)
        {
            _pushLeft = _options.PerturbationSteps;
            _push = Vector3.Normalize(new Vector3(Gaussian(), Gaussian(), Gaussian() * 0.5f)) * 0.8f;
        }
        if (_pushLeft > 0)
        {
            _pushLeft--;
            PerturbedSteps++;
            executed[0] = _push.X;
            executed[1] = _push.Y;
            executed[2] = _push.Z;
        }
        if (_options.ActionNoise > 0)
            foreach (var i in NoisyDimensions)
                executed[i] = Math.Clamp(executed[i] + (float)_options.ActionNoise * Gaussian(), -1f, 1f);
    }

    /// <summary>Advances the phase machine on the current state and returns where the tool should go.</summary>
    private (Vector3 Position, float Yaw, bool Close) Target(TabletopEnv env)
    {
        var scene = env.Scene;
        for (var guard = 0; guard < 12; guard++)
        {
            if (_goal >= env.Goals.Count)
                _phase = Phase.Finished;
            if (_phase == Phase.Finished)
                return (env.Arm.Tcp.Position, ToolYaw(env.Arm.Tcp.Rotation), false);

            var goal = env.Goals[_goal];
            var obj = scene.Object(goal.ObjectId);
            var held = scene.Gripper.HeldId == obj.Id;
            var tcp = env.Arm.Tcp;
            var graspYaw = GraspYaw(obj);
            var (placeXy, placeZ) = PlacePoint(env, goal, obj, tcp.Position);
            var next = _phase;
            (Vector3 Position, float Yaw, bool Close) target;
            switch (_phase)
            {
                case Phase.Approach:
                    target = (Above(obj, obj.Pose.Position.Z + obj.Height + HoverAboveObject), graspYaw, false);
                    if (goal.IsMet(scene))
                        next = Phase.Retreat;
                    else if (Reached(tcp, target, FineTolerance * 2) && scene.Gripper.Width >= Gripper.MaxWidth - 0.005f)
                        next = Phase.Descend;
                    break;
                case Phase.Descend:
                    target = (Above(obj, GraspHeight(obj)), graspYaw, false);
                    if (Reached(tcp, target, FineTolerance))
                        next = Phase.Close;
                    break;
                case Phase.Close:
                    target = (Above(obj, GraspHeight(obj)), graspYaw, true);
                    if (held)
                        next = Phase.Lift;
                    else if (scene.Gripper.Width < obj.Size.X - 0.01f || _phaseSteps > CloseTimeout)
                    {
                        Regrasps++;
                        next = Phase.Approach;
                    }
                    break;
                case Phase.Lift:
                    target = (new Vector3(tcp.Position.X, tcp.Position.Y, CarryHeight), ToolYaw(tcp.Rotation), true);
                    next = !held ? Phase.Approach : Reached(tcp, target, CoarseTolerance) ? Phase.Transport : _phase;
                    break;
                case Phase.Transport:
                    target = (new Vector3(placeXy, CarryHeight), ToolYaw(tcp.Rotation), true);
                    next = !held ? Phase.Approach : Reached(tcp, target, FineTolerance * 2) ? Phase.Lower : _phase;
                    break;
                case Phase.Lower:
                    target = (new Vector3(placeXy, placeZ), ToolYaw(tcp.Rotation), true);
                    next = !held ? Phase.Approach : Reached(tcp, target, FineTolerance) ? Phase.Release : _phase;
                    break;
                case Phase.Release:
                    target = (tcp.Position, ToolYaw(tcp.Rotation), false);
                    if (!held && obj.State == ObjectState.Resting)
                        next = Phase.Retreat;
                    break;
                default: // Retreat
                    target = (new Vector3(tcp.Position.X, tcp.Position.Y, CarryHeight), ToolYaw(tcp.Rotation), false);
                    if (Reached(tcp, target, CoarseTolerance))
                    {
                        if (goal.IsMet(scene))
                            _goal++;
                        next = Phase.Approach;
                    }
                    break;
            }
            if (next == _phase)
            {
                _phaseSteps++;
                return target;
            }
            _phase = next;
            _phaseSteps = 0;
        }
        throw new InvalidOperationException("the expert's phase machine did not settle");
    }

    private static Vector3 Above(SceneObject obj, float z) => new(obj.Centre.X, obj.Centre.Y, z);

    /// <summary>Fingertips a little below the top, but never into the surface underneath.</summary>
    private static float GraspHeight(SceneObject obj) =>
        obj.Pose.Position.Z + MathF.Max(obj.Height - GraspDepth, 0.012f);

    /// <summary>Where the tool must be to drop the held object onto its goal: over the support (offset when
    /// several goals share one bowl), the object's bottom <see cref="ReleaseGap"/> above the surface.</summary>
    private static (Vector2 Xy, float Z) PlacePoint(TabletopEnv env, PlaceGoal goal, SceneObject obj, Vector3 tcp)
    {
        var support = env.Scene.Object(goal.SupportId);
        int sharing = 0, rank = -1;
        for (var i = 0; i < env.Goals.Count; i++)
        {
            if (env.Goals[i].SupportId != goal.SupportId)
                continue;
            sharing++;
            if (env.Goals[i] == goal)
                rank = sharing - 1;
        }
        var xy = new Vector2(support.Pose.Position.X, support.Pose.Position.Y);
        if (sharing > 1)
            xy.Y += rank == 0 ? -0.028f : 0.028f;
        // The object may sit off-centre in the fingers: aim the object, not the tool.
        var grip = new Vector2(tcp.X - obj.Pose.Position.X, tcp.Y - obj.Pose.Position.Y);
        // Over a bowl this is its rim: the object drops in.
        var surface = support.Pose.Position.Z + support.Height;
        var bottomBelowTool = tcp.Z - obj.Pose.Position.Z;
        return (xy + grip, surface + ReleaseGap + bottomBelowTool);
    }

    private float GraspYaw(SceneObject obj)
    {
        if (obj.Kind != ObjectKind.Cube)
            return _homeYaw;
        // A cube is symmetric under quarter turns: pick the face pair closest to the starting yaw.
        var quarter = MathF.PI / 2;
        return obj.Yaw + quarter * MathF.Round((_homeYaw - obj.Yaw) / quarter);
    }

    private static bool Reached(Geometry.Pose tcp, (Vector3 Position, float Yaw, bool Close) target, float tolerance) =>
        Vector3.Distance(tcp.Position, target.Position) <= tolerance
        && MathF.Abs(WrapAngle(ToolYaw(tcp.Rotation) - target.Yaw)) <= YawTolerance;

    /// <summary>Yaw of the tool's x axis in the table plane.</summary>
    public static float ToolYaw(Quaternion rotation)
    {
        var x = Vector3.Transform(Vector3.UnitX, rotation);
        return MathF.Atan2(x.Y, x.X);
    }

    /// <summary>Tool pointing straight down (z to world -z) with its x axis at <paramref name="yaw"/>.</summary>
    public static Quaternion DownAtYaw(float yaw) =>
        Quaternion.CreateFromAxisAngle(Vector3.UnitZ, yaw) * Quaternion.CreateFromAxisAngle(Vector3.UnitX, MathF.PI);

    private static Vector3 RotationVector(Quaternion q)
    {
        if (q.W < 0)
            q = Quaternion.Negate(q);
        var sine = new Vector3(q.X, q.Y, q.Z).Length();
        if (sine < 1e-7f)
            return Vector3.Zero;
        var angle = 2 * MathF.Atan2(sine, q.W);
        return new Vector3(q.X, q.Y, q.Z) * (angle / sine);
    }

    private static float WrapAngle(float angle) => MathF.IEEERemainder(angle, 2 * MathF.PI);

    private float Gaussian()
    {
        // Box-Muller from the expert's own generator, so noise is reproducible by seed.
        var u1 = 1 - _noise.NextDouble();
        var u2 = _noise.NextDouble();
        return (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }
}
