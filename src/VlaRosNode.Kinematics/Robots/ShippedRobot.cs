using VlaRosNode.Kinematics.Chains;
using VlaRosNode.Kinematics.Urdf;

namespace VlaRosNode.Kinematics.Robots;

/// <summary>
/// A robot whose URDF ships in config/robots/ (embedded in this assembly): its model, the arm chain
/// from base to tool frame, and a ready configuration away from singularities.
/// </summary>
public sealed class ShippedRobot
{
    private readonly double[] readyPose;

    private ShippedRobot(string name, string baseLink, string toolLink, double[] ready)
    {
        Model = LoadEmbedded(name);
        Arm = KinematicChain.Create(Model, baseLink, toolLink);
        Tree = new KinematicTree(Model);
        readyPose = ready;
    }

    /// <summary>Franka Emika Panda (7 DoF) with hand; tool frame panda_hand_tcp; gripper joint panda_finger_joint1.</summary>
    public static ShippedRobot Panda() => new("panda", "panda_link0", "panda_hand_tcp",
        [0, -Math.PI / 4, 0, -3 * Math.PI / 4, 0, Math.PI / 2, Math.PI / 4]); // libfranka's "ready" pose

    /// <summary>Universal Robots UR5e (6 DoF); tool frame tool0.</summary>
    public static ShippedRobot Ur5e() => new("ur5e", "base_link", "tool0",
        [0, -Math.PI / 2, Math.PI / 2, -Math.PI / 2, -Math.PI / 2, 0]); // elbow up, tool pointing down

    public static ShippedRobot ByName(string name) => name switch
    {
        "panda" => Panda(),
        "ur5e" => Ur5e(),
        _ => throw new ArgumentException($"no shipped robot '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
    };

    public static IReadOnlyList<string> Names { get; } = ["panda", "ur5e"];

    public UrdfModel Model { get; }
    public KinematicChain Arm { get; }
    public KinematicTree Tree { get; }

    /// <summary>The arm's ready configuration, in <see cref="Arm"/>'s joint order.</summary>
    public ReadOnlySpan<double> ReadyPose => readyPose;

    /// <summary>The URDF text as shipped.</summary>
    public static string UrdfText(string name)
    {
        using var stream = typeof(ShippedRobot).Assembly.GetManifestResourceStream($"robots/{name}.urdf")
            ?? throw new ArgumentException($"no shipped robot '{name}'", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static UrdfModel LoadEmbedded(string name) => UrdfParser.Parse(UrdfText(name), $"{name}.urdf");
}
