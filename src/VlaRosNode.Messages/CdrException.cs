namespace VlaRosNode.Messages;

/// <summary>The one error a CDR decoder raises on malformed input: which field, at which byte, and why.</summary>
public sealed class CdrException : Exception
{
    public CdrException(string field, int offset, string reason)
        : base($"malformed CDR at byte {offset} in field '{field}': {reason}")
    {
        Field = field;
        Offset = offset;
        Reason = reason;
    }

    /// <summary>Dotted path of the field being read, e.g. <c>header.frame_id</c>.</summary>
    public string Field { get; }

    /// <summary>Byte offset into the payload (header included) where decoding failed.</summary>
    public int Offset { get; }

    public string Reason { get; }

    /// <summary>The same error seen from the enclosing struct field (generated decoders add each level on the way out).</summary>
    public CdrException Within(string parentField) => new($"{parentField}.{Field}", Offset, Reason);

    /// <summary>The same error seen from element <paramref name="index"/> of an enclosing array of structs.</summary>
    public CdrException Within(string parentField, int index) => new($"{parentField}[{index}].{Field}", Offset, Reason);
}
