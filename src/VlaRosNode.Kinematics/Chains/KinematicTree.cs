using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Kinematics.Urdf;

namespace VlaRosNode.Kinematics.Chains;

/// <summary>
/// Forward kinematics of the whole robot (every link, branches such as gripper fingers included),
/// e.g. for rendering. Links are ordered parents first; thread-safe.
/// </summary>
public sealed class KinematicTree
{
    private readonly JointSegment[] segments; // segments[i] places link i+1 (link 0 is the root)
    private readonly int[] parentLink;
    private readonly Dictionary<string, int> linkIndex;

    public KinematicTree(UrdfModel model)
    {
        var links = new List<string> { model.RootLink };
        var parents = new List<int>();
        var drivers = new List<UrdfJoint>();
        var compiled = new List<JointSegment>();
        var childrenOf = model.Joints.ToLookup(j => j.Parent, StringComparer.Ordinal);
        for (var i = 0; i < links.Count; i++) // breadth-first: parents always precede children
        {
            foreach (var joint in childrenOf[links[i]])
            {
                links.Add(joint.Child);
                parents.Add(i);
                compiled.Add(JointSegment.Compile(model, joint, drivers));
            }
        }
        LinkNames = links;
        segments = compiled.ToArray();
        parentLink = parents.ToArray();
        linkIndex = links.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        Variables = new JointVariables(drivers);
    }

    /// <summary>All links, root first; link poses are written in this order.</summary>
    public IReadOnlyList<string> LinkNames { get; }

    /// <summary>The robot's independent joints (mimic joints follow their masters).</summary>
    public JointVariables Variables { get; }

    public int LinkIndex(string name) =>
        linkIndex.TryGetValue(name, out var index) ? index : throw new KeyNotFoundException($"no link '{name}'");

    /// <summary>Every link pose in the root frame.</summary>
    public void ForwardKinematics(ReadOnlySpan<double> q, Span<Pose3d> linkPoses)
    {
        if (q.Length != Variables.Count)
            throw new ArgumentException($"the robot has {Variables.Count} joints, got {q.Length} values", nameof(q));
        if (linkPoses.Length != LinkNames.Count)
            throw new ArgumentException($"need {LinkNames.Count} link poses, got {linkPoses.Length}", nameof(linkPoses));
        linkPoses[0] = Pose3d.Identity;
        for (var i = 0; i < segments.Length; i++)
            linkPoses[i + 1] = segments[i].ChildPose(linkPoses[parentLink[i]], q);
    }
}
