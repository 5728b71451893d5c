using VlaRosNode.Ros2.Dds;
using VlaRosNode.Ros2.Parameters;

namespace VlaRosNode.Ros2.TestPeer;

/// <summary>A node with parameters of several kinds and constraints, for the parameter-service tests: <c>gain</c>
/// (double, 0 to 1 in steps of 0.25), <c>rate</c> (integer, 1 to 1000), <c>frame</c> (read-only), <c>joints</c>
/// (string array) and <c>mode</c> (string; its own validator refuses "unsafe").</summary>
internal static class ParameterNode
{
    public static int Run(string[] args)
    {
        using var context = RosContext.Create(args[1..], new RosContextOptions { DomainId = uint.Parse(args[0]), CycloneConfig = CycloneConfig.Loopback, LogOutput = TextWriter.Null });
        using var node = context.CreateNode("param_peer");
        Declare(node);
        node.StartSpinning();
        Console.WriteLine("ready");
        Console.In.ReadToEnd();
        return 0;
    }

    public static void Declare(Node node)
    {
        var p = node.Parameters;
        p.Declare(new ParameterDescriptor("gain", ParameterType.Double, "controller gain", false) { FloatingPointRange = new FloatingPointRange(0, 1, 0.25) }, 0.5);
        p.Declare(new ParameterDescriptor("rate", ParameterType.Integer, "control rate in Hz", false) { IntegerRange = new IntegerRange(1, 1000), AdditionalConstraints = "whole hertz" }, 30L);
        p.Declare("frame", "base_link", "frame of the commands", readOnly: true);
        p.Declare("joints", new[] { "shoulder", "elbow" }, "joints commanded");
        p.Declare("mode", "idle", "operating mode");
        p.AddValidator(changes => changes.Any(c => c.Name == "mode" && (string)c.Value.Value == "unsafe")
            ? SetParametersOutcome.Refused("mode 'unsafe' needs the safety controller")
            : SetParametersOutcome.Accepted);
    }
}
