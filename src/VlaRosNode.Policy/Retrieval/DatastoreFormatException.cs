namespace VlaRosNode.Policy.Retrieval;

/// <summary>A datastore file that cannot be read: names the file, the byte offset and what was wrong there.</summary>
public sealed class DatastoreFormatException(string source, long offset, string problem)
    : Exception($"datastore '{source}' at byte {offset}: {problem}")
{
    public string SourceName { get; } = source;
    public long Offset { get; } = offset;
    public string Problem { get; } = problem;
}
