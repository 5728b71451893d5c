namespace VlaRosNode.Messages.Text;

/// <summary>A YAML value that does not fit the message: unknown field, wrong shape, number out of range.</summary>
public sealed class MessageValueException : FormatException
{
    public MessageValueException(string field, string reason)
        : base(field.Length == 0 ? reason : $"field '{field}': {reason}")
    {
        Field = field;
        Reason = reason;
    }

    /// <summary>Dotted path of the offending field, e.g. <c>points[2].positions</c>; empty for the whole message.</summary>
    public string Field { get; }

    public string Reason { get; }
}
