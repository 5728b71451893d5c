namespace VlaRosNode.Bag;

/// <summary>Copies every message of a bag, in time order and with its topic metadata, into a new bag of another
/// storage or compression (<c>vla bag convert</c>).</summary>
public static class BagConverter
{
    /// <returns>Messages copied, and what the reader had to work around in the input.</returns>
    public static (long Messages, IReadOnlyList<BagIssue> Issues) Convert(string input, string output, BagWriterOptions writeOptions, BagReadOptions? readOptions = null)
    {
        using var reader = BagReader.Open(input, readOptions);
        using var writer = BagWriter.Create(output, writeOptions);
        foreach (var topic in reader.Topics)
            writer.CreateTopic(topic);
        long count = 0;
        foreach (var message in reader.ReadMessages())
        {
            writer.Write(message.Topic.Name, message.LogTime, message.Data.Span, message.PublishTime);
            count++;
        }
        return (count, reader.Issues);
    }
}
