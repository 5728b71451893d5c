namespace VlaRosNode.Messages.Tests;

/// <summary>Serialise helpers for tests.</summary>
internal static class CdrTestBytes
{
    public static byte[] Encode(IRosMessage message)
    {
        var buffer = new byte[message.GetSerializedSize()];
        var written = message.Serialize(buffer);
        Assert.That(written, Is.EqualTo(buffer.Length), $"{message.TypeInfo.RosName}: Serialize wrote a different size than GetSerializedSize");
        return buffer;
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));
}
