using System.IO.Compression;
using System.Runtime.InteropServices;

namespace VlaRosNode.Sim.Dataset;

/// <summary>An .npz file: a zip of .npy members, as numpy.savez_compressed writes and numpy.load reads.
/// Every entry carries the same fixed timestamp so equal content gives byte-identical files.</summary>
public sealed class NpzWriter : IDisposable
{
    private static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ZipArchive _zip;

    public NpzWriter(Stream output) => _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: false);

    public static NpzWriter Create(string path) => new(File.Create(path));

    /// <summary>Adds the array <paramref name="name"/> (numpy's key; ".npy" is appended).</summary>
    public void Add(string name, string descr, ReadOnlySpan<int> shape, ReadOnlySpan<byte> data)
    {
        var entry = _zip.CreateEntry(name + ".npy", CompressionLevel.Fastest);
        entry.LastWriteTime = FixedTime;
        using var stream = entry.Open();
        NpyFormat.Write(stream, descr, shape, data);
    }

    public void Add(string name, ReadOnlySpan<int> shape, ReadOnlySpan<float> data) =>
        Add(name, NpyFormat.Float32, shape, MemoryMarshal.AsBytes(data));

    public void AddScalar(string name, int value) => Add(name, NpyFormat.Int32, [], MemoryMarshal.AsBytes(new ReadOnlySpan<int>(in value)));

    public void AddScalar(string name, long value) => Add(name, NpyFormat.Int64, [], MemoryMarshal.AsBytes(new ReadOnlySpan<long>(in value)));

    public void AddScalar(string name, bool value) => Add(name, NpyFormat.Bool, [], [value ? (byte)1 : (byte)0]);

    public void AddScalar(string name, string value) =>
        Add(name, NpyFormat.Unicode(value.EnumerateRunes().Count()), [], NpyFormat.EncodeUnicode(value));

    public void Dispose() => _zip.Dispose();
}
