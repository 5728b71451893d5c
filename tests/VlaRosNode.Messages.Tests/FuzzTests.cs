using System.Buffers.Binary;

namespace VlaRosNode.Messages.Tests;

/// <summary>Mutated valid encodings of every type: decoding either succeeds (and then re-encodes and decodes again)
/// or raises <see cref="CdrException"/>, never anything else.</summary>
public class FuzzTests
{
    private static readonly int Cases = Fuzz.Cases(250_000);

    private sealed record Seed(MessageTypeInfo Type, byte[] Payload);

    private static Seed[] Seeds() =>
        FoxgloveFixture.Cases
            .Select(c => new Seed(MessageRegistry.Get(c.Type), c.Cdr ?? CdrTestBytes.Encode(c.Build())))
            .Where(s => s.Payload.Length <= 4096) // keeps 250k cases within seconds; big arrays add nothing new here
            .ToArray();

    [Test]
    public void MutatedPayloadsDecodeOrRaiseCdrException()
    {
        var seeds = Seeds();
        var types = MessageRegistry.All;
        var random = Fuzz.Random(20261127);
        int decoded = 0, rejected = 0;
        for (var i = 0; i < Cases; i++)
        {
            var seed = seeds[random.Next(seeds.Length)];
            var payload = Mutate(seed.Payload, random);
            // One case in eight is decoded as the wrong type, as a mislabelled topic or bag would be; of the others,
            // half decode into a message already holding the seed's values (the reuse path).
            var type = random.Next(8) == 0 ? types[random.Next(types.Count)] : seed.Type;
            var reuse = type == seed.Type && random.Next(2) == 0;
            try
            {
                var message = reuse ? DecodeInto(type, payload, type.Decode(seed.Payload)) : type.Decode(payload);
                var again = type.Decode(CdrTestBytes.Encode(message));
                Assert.That(again.GetType(), Is.EqualTo(message.GetType()));
                decoded++;
            }
            catch (CdrException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i}: {type.RosName} decoding {Convert.ToHexString(payload)} threw {e}");
            }
        }
        TestContext.Out.WriteLine($"{Cases} mutated payloads: {decoded} decoded, {rejected} rejected with CdrException");
        Assert.That(decoded, Is.GreaterThan(Cases / 50), "the mutations should leave some payloads valid");
        Assert.That(rejected, Is.GreaterThan(Cases / 2), "the mutations should break most payloads");
    }

    private static readonly Dictionary<Type, Func<byte[], IRosMessage, IRosMessage>> ReuseDecoders = new();

    /// <summary>Calls the generated <c>Deserialize(payload, reuse)</c> of a type known only at run time.</summary>
    private static IRosMessage DecodeInto(MessageTypeInfo type, byte[] payload, IRosMessage reuse)
    {
        if (!ReuseDecoders.TryGetValue(type.ClrType, out var decode))
        {
            var method = typeof(FuzzTests).GetMethod(nameof(ReuseDecoder), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
            decode = (Func<byte[], IRosMessage, IRosMessage>)method.MakeGenericMethod(type.ClrType).Invoke(null, null)!;
            ReuseDecoders[type.ClrType] = decode;
        }
        return decode(payload, reuse);
    }

    private static Func<byte[], IRosMessage, IRosMessage> ReuseDecoder<T>() where T : class, IRosMessage<T>, new() =>
        (payload, reuse) => T.Deserialize(payload, (T)reuse);

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToList();
        var edits = 1 + random.Next(3);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes[at] = (byte)random.Next(256); break;
                case 2: bytes.RemoveRange(at, random.Next(1, Math.Min(16, bytes.Count - at) + 1)); break;
                case 3: bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 9)).Select(_ => (byte)random.Next(256))); break;
                case 4: bytes.RemoveRange(at, bytes.Count - at); break; // truncate
                case 5: OverwriteWord(bytes, at & ~3, random); break;
                default: bytes[at] = random.Next(2) == 0 ? (byte)0 : (byte)0xFF; break;
            }
        }
        return bytes.ToArray();
    }

    /// <summary>Puts an interesting 32-bit value (a count or length, little- or big-endian) at a 4-aligned offset.</summary>
    private static void OverwriteWord(List<byte> bytes, int at, Random random)
    {
        uint[] interesting = [0, 1, 2, 3, 4, 7, 8, 255, 256, 65535, 65536, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, (uint)bytes.Count, (uint)random.Next()];
        Span<byte> word = stackalloc byte[4];
        var value = interesting[random.Next(interesting.Length)];
        if (random.Next(2) == 0)
            BinaryPrimitives.WriteUInt32LittleEndian(word, value);
        else
            BinaryPrimitives.WriteUInt32BigEndian(word, value);
        for (var k = 0; k < 4 && at + k < bytes.Count; k++)
            bytes[at + k] = word[k];
    }
}
