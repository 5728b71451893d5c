using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace VlaRosNode.Policy.Retrieval;

/// <summary>
/// The datastore on disk, little-endian:
/// <code>
/// "VLADSTOR" u32 version=1 u32 key_dimension u32 action_dimensions u32 horizon u32 collections
/// per collection: u32 name_bytes, UTF-8 name, u32 entries,
///   per entry: f32[key_dimension] unit key, i32 episode, i32 step, u32 steps (1..horizon),
///              i32[horizon x action_dimensions] action tokens
/// u32 CRC-32 of every byte before it
/// </code>
/// </summary>
public static class DatastoreFile
{
    public const int Version = 1;
    private static readonly byte[] Magic = "VLADSTOR"u8.ToArray();
    private const int MaxKeyDimension = 1 << 16;
    private const int MaxActionDimensions = 64;
    private const int MaxHorizon = 64;
    private const float UnitTolerance = 1e-3f;

    public static void Save(ActionDatastore store, string path) => File.WriteAllBytes(path, Write(store));

    public static ActionDatastore Load(string path) => Read(File.ReadAllBytes(path), path);

    public static byte[] Write(ActionDatastore store)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write((uint)Version);
            w.Write((uint)store.KeyDimension);
            w.Write((uint)store.ActionDimensions);
            w.Write((uint)store.Horizon);
            w.Write((uint)store.Collections.Count);
            foreach (var collection in store.Collections)
            {
                var name = Encoding.UTF8.GetBytes(collection.Name);
                w.Write((uint)name.Length);
                w.Write(name);
                w.Write((uint)collection.Count);
                for (var e = 0; e < collection.Count; e++)
                {
                    foreach (var v in collection.Key(e))
                        w.Write(v);
                    var info = collection.Info(e);
                    w.Write(info.Episode);
                    w.Write(info.Step);
                    w.Write((uint)info.Steps);
                    for (var ahead = 0; ahead < store.Horizon; ahead++)
                        foreach (var token in collection.Actions(e, ahead))
                            w.Write(token);
                }
            }
        }
        var crc = Crc32.HashToUInt32(stream.GetBuffer().AsSpan(0, (int)stream.Length));
        stream.Write(BitConverter.GetBytes(crc));
        return stream.ToArray();
    }

    /// <summary>Parses a datastore; every defect is a <see cref="DatastoreFormatException"/> naming <paramref name="source"/> and the offset.</summary>
    public static ActionDatastore Read(ReadOnlySpan<byte> data, string source)
    {
        if (data.Length < Magic.Length + 4 || !data[..Magic.Length].SequenceEqual(Magic))
            throw new DatastoreFormatException(source, 0, "not a datastore file (magic \"VLADSTOR\" missing)");
        var body = data[..^4];
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(data[^4..]);
        if (Crc32.HashToUInt32(body) != stored)
            throw new DatastoreFormatException(source, data.Length - 4, "CRC-32 mismatch (the file is corrupt or truncated)");
        var r = new Reader(body, source) { Offset = Magic.Length };

        var version = r.Count("version", Version);
        if (version != Version)
            throw r.Error($"version {version} is not supported (this reader knows {Version})");
        var keyDimension = r.Count("key_dimension", MaxKeyDimension, minimum: 1);
        var dimensions = r.Count("action_dimensions", MaxActionDimensions, minimum: 1);
        var horizon = r.Count("horizon", MaxHorizon, minimum: 1);
        var store = new ActionDatastore(keyDimension, dimensions, horizon);
        var entryBytes = 4 * (keyDimension + 3 + horizon * dimensions);
        var collections = r.Count("collection count", r.Remaining / 8);
        var key = new float[keyDimension];
        var tokens = new int[horizon * dimensions];
        for (var c = 0; c < collections; c++)
        {
            var nameOffset = r.Offset;
            var name = r.Utf8(r.Count("collection name length", r.Remaining));
            if (name.Length == 0 || ActionDatastore.CollectionName(name) != name)
                throw new DatastoreFormatException(source, nameOffset, $"collection name \"{name}\" is not a normalised instruction");
            if (store.Find(name) is not null)
                throw new DatastoreFormatException(source, nameOffset, $"collection \"{name}\" appears twice");
            var collection = store.Collection(name);
            var entries = r.Count($"entry count of \"{name}\"", r.Remaining / entryBytes);
            for (var e = 0; e < entries; e++)
            {
                var keyOffset = r.Offset;
                var norm = 0.0;
                for (var i = 0; i < keyDimension; i++)
                {
                    key[i] = r.Single();
                    norm += (double)key[i] * key[i];
                }
                if (!(Math.Abs(Math.Sqrt(norm) - 1) <= UnitTolerance))
                    throw new DatastoreFormatException(source, keyOffset, $"key of entry {e} in \"{name}\" is not a unit vector (norm {Math.Sqrt(norm)})");
                var episode = r.Int32();
                var step = r.Int32();
                var steps = r.Count($"steps of entry {e} in \"{name}\"", horizon, minimum: 1);
                var tokenOffset = r.Offset;
                for (var i = 0; i < tokens.Length; i++)
                    if ((tokens[i] = r.Int32()) < 0)
                        throw new DatastoreFormatException(source, tokenOffset + 4 * i, $"negative action token {tokens[i]} in entry {e} of \"{name}\"");
                collection.AddUnit(key, tokens.AsSpan(0, steps * dimensions), episode, step);
            }
        }
        if (r.Remaining != 0)
            throw r.Error($"{r.Remaining} bytes after the last collection");
        return store;
    }

    /// <summary>A bounds-checked little-endian cursor.</summary>
    private ref struct Reader(ReadOnlySpan<byte> data, string source)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        public int Offset;
        public readonly int Remaining => _data.Length - Offset;

        public readonly DatastoreFormatException Error(string problem) => new(source, Offset, problem);

        private ReadOnlySpan<byte> Take(int bytes, string what)
        {
            if (bytes > Remaining)
                throw Error($"{what} needs {bytes} bytes, {Remaining} are left");
            var span = _data.Slice(Offset, bytes);
            Offset += bytes;
            return span;
        }

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4, "an int32"));

        public float Single() => BinaryPrimitives.ReadSingleLittleEndian(Take(4, "a float32"));

        /// <summary>A u32 count in [minimum, maximum].</summary>
        public int Count(string what, int maximum, int minimum = 0)
        {
            var at = Offset;
            var value = BinaryPrimitives.ReadUInt32LittleEndian(Take(4, what));
            if (value < minimum || value > maximum)
                throw new DatastoreFormatException(source, at, $"{what} {value} is outside [{minimum}, {maximum}]");
            return (int)value;
        }

        public string Utf8(int bytes)
        {
            var at = Offset;
            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Take(bytes, "a name"));
            }
            catch (DecoderFallbackException)
            {
                throw new DatastoreFormatException(source, at, "collection name is not valid UTF-8");
            }
        }
    }
}
