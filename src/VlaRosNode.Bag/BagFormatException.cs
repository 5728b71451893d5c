namespace VlaRosNode.Bag;

/// <summary>The one error the bag readers raise on malformed or unsupported input: which file, where in it
/// (a byte offset, a table, a YAML key), and why.</summary>
public sealed class BagFormatException : Exception
{
    public BagFormatException(string file, string location, string reason, Exception? inner = null)
        : base($"{file}: at {location}: {reason}", inner)
    {
        File = file;
        Location = location;
        Reason = reason;
    }

    public string File { get; }

    /// <summary>e.g. <c>offset 1234</c>, <c>table topics</c>, <c>key rosbag2_bagfile_information.version</c>.</summary>
    public string Location { get; }

    public string Reason { get; }

    internal static BagFormatException AtOffset(string file, long offset, string reason, Exception? inner = null) =>
        new(file, $"offset {offset}", reason, inner);
}
