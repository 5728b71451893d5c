using VlaRosNode.Kinematics.Chains;
using VlaRosNode.Kinematics.Robots;
using VlaRosNode.Kinematics.Urdf;

namespace VlaRosNode.Nodes.ArmControl;

/// <summary>The arm chain the node commands: a URDF file (urdf_path, base_link, tool_link) or a shipped robot.</summary>
public static class ArmModelLoader
{
    /// <exception cref="ArgumentException">Unknown robot, missing links.</exception>
    /// <exception cref="UrdfException">The URDF file does not parse.</exception>
    public static KinematicChain Load(PolicyNodeSettings s)
    {
        if (s.UrdfPath.Length > 0)
        {
            if (s.BaseLink.Length == 0 || s.ToolLink.Length == 0)
                throw new ArgumentException("parameter urdf_path needs base_link and tool_link");
            if (!File.Exists(s.UrdfPath))
                throw new ArgumentException($"parameter urdf_path: file '{s.UrdfPath}' does not exist");
            return KinematicChain.Create(UrdfParser.Load(s.UrdfPath), s.BaseLink, s.ToolLink);
        }
        var robot = ShippedRobot.ByName(s.Robot);
        return s.BaseLink.Length == 0 && s.ToolLink.Length == 0
            ? robot.Arm
            : KinematicChain.Create(robot.Model, s.BaseLink.Length > 0 ? s.BaseLink : robot.Arm.BaseLink, s.ToolLink.Length > 0 ? s.ToolLink : robot.Arm.ToolLink);
    }
}
