using VlaRosNode.Ros2.TestPeer;

// The peer process of the two-process tests:
//   raw-echo DOMAIN IN_TOPIC OUT_TOPIC TYPE   republishes every blob on a DDS topic, byte for byte
//   typed-echo DOMAIN [ROS ARGS]              decodes and re-encodes every generated message type
//   param-node DOMAIN [ROS ARGS]              a node with constrained parameters (ParameterNode.cs)
// Prints "ready" once its endpoints exist, then runs until stdin closes.
return args.FirstOrDefault() switch
{
    "raw-echo" => RawEcho.Run(args[1..]),
    "typed-echo" => TypedEcho.Run(args[1..]),
    "param-node" => ParameterNode.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: VlaRosNode.Ros2.TestPeer raw-echo DOMAIN IN_TOPIC OUT_TOPIC DDS_TYPE | typed-echo DOMAIN [ROS ARGS] | param-node DOMAIN [ROS ARGS]");
    return 2;
}
