namespace VlaRosNode.Ros2.Tools;

/// <summary>A command-line tool cannot do what it was asked; the message is meant for the user as is.</summary>
public sealed class ToolError(string message) : Exception(message);
