using System.Runtime.InteropServices;
using VlaRosNode.Sim.Arm;

namespace VlaRosNode.Sim.Dataset;

/// <summary>
/// Collects one demonstration, one row per control step (the observation before the step and the action taken
/// from it), and writes it as one .npz episode. Array names, dtypes and shapes are listed in docs/simulator.md.
/// </summary>
public sealed class EpisodeRecorder
{
    private readonly MemoryStream _agent = new(), _wrist = new();
    private readonly List<float> _actions = [], _executed = [], _positions = [], _velocities = [], _gripper = [], _eePose = [];

    public int Steps { get; private set; }

    public void Clear()
    {
        _agent.SetLength(0);
        _wrist.SetLength(0);
        foreach (var list in new[] { _actions, _executed, _positions, _velocities, _gripper, _eePose })
            list.Clear();
        Steps = 0;
    }

    /// <summary>Renders both cameras and records them with the state and the actions of this step.</summary>
    public void Record(TabletopEnv env, ReadOnlySpan<float> label, ReadOnlySpan<float> executed)
    {
        env.Render();
        _agent.Write(env.AgentImage.Pixels);
        _wrist.Write(env.WristImage.Pixels);
        _actions.AddRange(label);
        _executed.AddRange(executed);
        foreach (var q in env.Arm.Positions)
            _positions.Add((float)q);
        foreach (var v in env.Arm.Velocities)
            _velocities.Add((float)v);
        _gripper.Add(env.Scene.Gripper.Width);
        var tcp = env.Arm.Tcp;
        _eePose.AddRange([tcp.Position.X, tcp.Position.Y, tcp.Position.Z, tcp.Rotation.X, tcp.Rotation.Y, tcp.Rotation.Z, tcp.Rotation.W]);
        Steps++;
    }

    /// <summary>The clean expert actions recorded so far, <see cref="DeltaAction.Dimensions"/> per step.</summary>
    public ReadOnlySpan<float> Actions => CollectionsMarshal.AsSpan(_actions);

    /// <summary>The joint positions recorded so far, one row of the arm's joints per step.</summary>
    public ReadOnlySpan<float> JointPositions => CollectionsMarshal.AsSpan(_positions);

    public void Write(string path, TabletopEnv env, bool success)
    {
        var (t, h, w, joints) = (Steps, env.Options.ImageHeight, env.Options.ImageWidth, env.Arm.Joints.Count);
        using var npz = NpzWriter.Create(path);
        npz.Add("agent_rgb", NpyFormat.UInt8, [t, h, w, 3], _agent.GetBuffer().AsSpan(0, (int)_agent.Length));
        npz.Add("wrist_rgb", NpyFormat.UInt8, [t, h, w, 3], _wrist.GetBuffer().AsSpan(0, (int)_wrist.Length));
        npz.Add("actions", [t, DeltaAction.Dimensions], CollectionsMarshal.AsSpan(_actions));
        npz.Add("executed_actions", [t, DeltaAction.Dimensions], CollectionsMarshal.AsSpan(_executed));
        npz.Add("joint_positions", [t, joints], CollectionsMarshal.AsSpan(_positions));
        npz.Add("joint_velocities", [t, joints], CollectionsMarshal.AsSpan(_velocities));
        npz.Add("gripper_width", [t], CollectionsMarshal.AsSpan(_gripper));
        npz.Add("ee_pose", [t, 7], CollectionsMarshal.AsSpan(_eePose));
        npz.AddScalar("task_id", env.Task.Id);
        npz.AddScalar("seed", (long)env.Seed);
        npz.AddScalar("success", success);
        npz.AddScalar("instruction", env.Task.Instruction);
    }
}
