using System.Numerics;
using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Sim.Geometry;

namespace VlaRosNode.Sim.Arm;

/// <summary>Between the kinematics library's double-precision poses and the simulator's single-precision ones.</summary>
public static class PoseConversions
{
    public static Pose ToPose(this Pose3d pose)
    {
        var (x, y, z, w) = pose.Rotation.ToQuaternion();
        return new Pose(new Vector3((float)pose.Position.X, (float)pose.Position.Y, (float)pose.Position.Z),
            Quaternion.Normalize(new Quaternion((float)x, (float)y, (float)z, (float)w)));
    }

    public static Pose3d ToPose3d(this Pose pose)
    {
        var q = pose.Rotation;
        return new Pose3d(Rotation3d.FromQuaternion(q.X, q.Y, q.Z, q.W),
            new Vector3d(pose.Position.X, pose.Position.Y, pose.Position.Z));
    }
}
