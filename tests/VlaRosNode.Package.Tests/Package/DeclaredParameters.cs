using VlaRosNode.Nodes.ArmControl;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Transport;

namespace VlaRosNode.Package.Tests.Package;

/// <summary>The parameters each installed node executable declares, taken from the node code itself (declared on an
/// in-process node), so a launch or parameter file naming anything else fails the tests.</summary>
internal static class DeclaredParameters
{
    public static IReadOnlySet<string> Of(string executable) => executable switch
    {
        "vla_policy_node" => Declare(PolicyNode.DefaultName, node => PolicyNodeSettings.Declare(node)),
        _ => throw new ArgumentException($"no parameter list for node executable '{executable}': add it to DeclaredParameters"),
    };

    private static HashSet<string> Declare(string nodeName, Action<Node> declare)
    {
        using var context = RosContext.Create([], new RosContextOptions { InProcess = new InProcessDomain() });
        var node = context.CreateNode(nodeName);
        declare(node);
        return node.Parameters.Descriptors.Select(d => d.Name).ToHashSet(); // includes use_sim_time, which every node has
    }
}
