namespace VlaRosNode.Nodes.Replay;

/// <summary>A bag that cannot be replayed: a missing or mistyped topic, an image encoding we cannot decode, joint
/// states that never match the arm, no instruction. The message names the bag, the topic and, where there is one,
/// the log time.</summary>
public sealed class ReplayException(string message, Exception? inner = null) : Exception(message, inner);
