namespace VlaRosNode.Bag;

/// <summary>Something a reader had to work around: a truncated file it recovered from, or a corrupt chunk it
/// skipped (with <see cref="BagReadOptions.SkipCorrupt"/>). Says where and what was lost.</summary>
/// <param name="File">The storage file.</param>
/// <param name="Offset">Byte offset where the damage starts.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Description">What was lost and what was recovered, in words.</param>
/// <param name="LostBytes">Bytes that could not be used.</param>
public sealed record BagIssue(string File, long Offset, BagIssueKind Kind, string Description, long LostBytes)
{
    public override string ToString() => $"{File}: {Kind} at offset {Offset}: {Description} ({LostBytes} bytes lost)";
}

public enum BagIssueKind
{
    /// <summary>The file ends early (no footer/summary, last record cut): read up to the last complete message.</summary>
    Truncated,

    /// <summary>A chunk failed its CRC or did not decompress and was skipped.</summary>
    CorruptChunkSkipped,
}

/// <summary>How to treat damage while reading.</summary>
/// <param name="SkipCorrupt">Continue past a corrupt chunk (recording a <see cref="BagIssue"/>) instead of throwing.</param>
/// <param name="ValidateCrcs">Check chunk and summary CRCs.</param>
public sealed record BagReadOptions(bool SkipCorrupt = false, bool ValidateCrcs = true)
{
    public static BagReadOptions Default { get; } = new();
}
