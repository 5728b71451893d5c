using System.Buffers.Binary;

namespace VlaRosNode.Bag.Mcap;

/// <summary>Splits a buffer of complete MCAP records (a summary section) into (opcode, body, file offset of body).</summary>
internal static class McapRecordWalker
{
    public static IEnumerable<(McapOpcode Opcode, ReadOnlyMemory<byte> Body, long BodyOffset)> Records(byte[] buffer, string file, long fileOffset)
    {
        var position = 0;
        while (position < buffer.Length)
        {
            if (buffer.Length - position < McapConstants.RecordPrefixLength)
                throw BagFormatException.AtOffset(file, fileOffset + position, "record header cut off");
            var length = BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(position + 1));
            var bodyStart = position + McapConstants.RecordPrefixLength;
            if (length > (ulong)(buffer.Length - bodyStart))
                throw BagFormatException.AtOffset(file, fileOffset + position, $"record length {length} runs past the end of its section");
            yield return ((McapOpcode)buffer[position], buffer.AsMemory(bodyStart, (int)length), fileOffset + bodyStart);
            position = bodyStart + (int)length;
        }
    }
}
