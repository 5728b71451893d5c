namespace VlaRosNode.Nodes.ArmControl.Images;

/// <summary>A camera message that cannot be turned into an RGB image; the message names the topic and the problem.</summary>
public sealed class ImageDecodeException(string message) : Exception(message);
