using VlaRosNode.Nodes.ArmControl;
using VlaRosNode.Nodes.Simulation;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Transport;

namespace VlaRosNode.Package.Tests.Package;

/// <summary>The parameters each installed node executable declares, taken from the node code itself (declared on an
/// in-process node), so a launch or parameter file naming anything else fails the tests.</summary>
internal static class DeclaredParameters
{
    /// <summary>The node executable whose node has this default name (parameter files are keyed by node name).</summary>
    public static string ExecutableOfNode(string nodeName) => nodeName switch
    {
        PolicyNode.DefaultName => "vla_policy_node",
        "vla_sim" => "vla_sim_node",
        _ => throw new ArgumentException($"no node executable is named '{nodeName}' by default"),
    };

    public static IReadOnlySet<string> Of(string executable) => Defaults(executable).Keys.ToHashSet();

    /// <summary>Each declared parameter with its default value (as text) in code.</summary>
    public static IReadOnlyDictionary<string, string> Defaults(string executable) => executable switch
    {
        "vla_policy_node" => Declare(context =>
        {
            var node = context.CreateNode(PolicyNode.DefaultName);
            PolicyNodeSettings.Declare(node);
            return node;
        }),
        "vla_sim_node" => Declare(context => SimNode.Create(context).Node),
        _ => throw new ArgumentException($"no parameter list for node executable '{executable}': add it to DeclaredParameters"),
    };

    /// <summary>Creates the node on an in-process context (<paramref name="create"/> declares its parameters) and
    /// lists what it declared, use_sim_time (every node's) included.</summary>
    private static Dictionary<string, string> Declare(Func<RosContext, Node> create)
    {
        using var context = RosContext.Create([], new RosContextOptions { InProcess = new InProcessDomain() });
        var parameters = create(context).Parameters;
        return parameters.Descriptors.ToDictionary(d => d.Name, d => parameters.GetValue(d.Name).ToString()!);
    }
}
