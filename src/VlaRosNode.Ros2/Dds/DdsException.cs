namespace VlaRosNode.Ros2.Dds;

/// <summary>A Cyclone DDS call failed, or the native library is missing or of the wrong version.</summary>
public sealed class DdsException(string message) : Exception(message)
{
    /// <summary>Throws naming the operation and Cyclone's text for a negative return code; returns rc otherwise.</summary>
    internal static int Check(int rc, string operation) =>
        rc >= 0 ? rc : throw new DdsException($"{operation} failed: {CycloneLibrary.ErrorText(rc)} ({rc})");
}
