using Microsoft.Win32.SafeHandles;

namespace VlaRosNode.Bag;

/// <summary>A read-only file read at explicit offsets (no shared stream position), with reads past the end
/// reported as <see cref="BagFormatException"/> naming the file and offset.</summary>
internal sealed class RandomAccessFile : IDisposable
{
    private readonly SafeFileHandle _handle;

    public RandomAccessFile(string path)
    {
        Path = path;
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.RandomAccess);
        Length = RandomAccess.GetLength(_handle);
    }

    public string Path { get; }

    public string Name => System.IO.Path.GetFileName(Path);

    public long Length { get; }

    /// <summary>Reads exactly <paramref name="length"/> bytes at <paramref name="offset"/> into a new array.</summary>
    /// <param name="what">What is being read, for the error message.</param>
    public byte[] Read(long offset, long length, string what)
    {
        if (offset < 0 || length < 0 || offset > Length || length > Length - offset)
            throw BagFormatException.AtOffset(Name, offset, $"{what} of {length} bytes runs past the end of the file ({Length} bytes)");
        if (length > Array.MaxLength)
            throw BagFormatException.AtOffset(Name, offset, $"{what} of {length} bytes is too large to read");
        var buffer = GC.AllocateUninitializedArray<byte>((int)length);
        ReadInto(offset, buffer);
        return buffer;
    }

    /// <summary>Reads up to <paramref name="destination"/>.Length bytes; returns how many were available.</summary>
    public int ReadAvailable(long offset, Span<byte> destination)
    {
        var available = (int)Math.Clamp(Length - offset, 0, destination.Length);
        ReadInto(offset, destination[..available]);
        return available;
    }

    private void ReadInto(long offset, Span<byte> destination)
    {
        var done = 0;
        while (done < destination.Length)
        {
            var n = RandomAccess.Read(_handle, destination[done..], offset + done);
            if (n == 0)
                throw BagFormatException.AtOffset(Name, offset + done, "file shrank while being read");
            done += n;
        }
    }

    public void Dispose() => _handle.Dispose();
}
