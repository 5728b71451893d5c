using System.Buffers;
using K4os.Compression.LZ4;
using K4os.Compression.LZ4.Streams;
using ZstdSharp;

namespace VlaRosNode.Bag.Mcap;

/// <summary>Compresses and decompresses MCAP chunk records: zstd frames (ZstdSharp) and LZ4 frames (K4os).</summary>
internal sealed class ChunkCodec : IDisposable
{
    private readonly Compressor? _zstdCompressor;
    private readonly Decompressor _zstdDecompressor = new();
    private readonly ArrayBufferWriter<byte> _scratch = new();
    private readonly ArrayBufferWriter<byte> _lz4Output = new();

    public ChunkCodec(BagCompression compression = BagCompression.None, int zstdLevel = 1)
    {
        Compression = compression;
        if (compression == BagCompression.Zstd)
            _zstdCompressor = new Compressor(zstdLevel);
    }

    public BagCompression Compression { get; }

    public static bool IsKnown(string compression) => compression is "" or "zstd" or "lz4";

    /// <summary>Compresses with this codec's compression; the result is valid until the next call.</summary>
    public ReadOnlySpan<byte> Compress(ReadOnlySpan<byte> records)
    {
        _scratch.ResetWrittenCount();
        switch (Compression)
        {
            case BagCompression.Zstd:
            {
                var bound = Compressor.GetCompressBound(records.Length);
                var written = _zstdCompressor!.Wrap(records, _scratch.GetSpan(bound));
                _scratch.Advance(written);
                return _scratch.WrittenSpan;
            }
            case BagCompression.Lz4:
                LZ4Frame.Encode(records, _scratch, LZ4Level.L00_FAST);
                return _scratch.WrittenSpan;
            default:
                return records;
        }
    }

    /// <summary>Decompresses one chunk into <paramref name="destination"/>, which must be exactly the declared
    /// uncompressed size. Any codec failure or size mismatch becomes <see cref="BagFormatException"/>.</summary>
    public void Decompress(string compression, ReadOnlySpan<byte> source, Span<byte> destination, string file, long offset)
    {
        int written;
        try
        {
            switch (compression)
            {
                case "":
                    if (source.Length != destination.Length)
                        throw BagFormatException.AtOffset(file, offset, $"uncompressed chunk holds {source.Length} bytes but declares {destination.Length}");
                    source.CopyTo(destination);
                    return;
                case "zstd":
                    written = _zstdDecompressor.Unwrap(source, destination);
                    break;
                case "lz4":
                    // LZ4 expands at most ~255x, so the scratch buffer stays bounded by the chunk's own size.
                    _lz4Output.ResetWrittenCount();
                    LZ4Frame.Decode(source, _lz4Output);
                    written = _lz4Output.WrittenCount;
                    if (written == destination.Length)
                        _lz4Output.WrittenSpan.CopyTo(destination);
                    break;
                default:
                    throw BagFormatException.AtOffset(file, offset, $"unknown chunk compression '{compression}' (supported: none, zstd, lz4)");
            }
        }
        catch (BagFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The codecs throw many exception types on bad input (ZstdException, EndOfStreamException, ...): all mean the same.
            throw BagFormatException.AtOffset(file, offset, $"{compression} chunk does not decompress: {e.Message}", e);
        }
        if (written != destination.Length)
            throw BagFormatException.AtOffset(file, offset, $"{compression} chunk decompresses to {written} bytes but declares {destination.Length}");
    }

    /// <summary>Decompresses as much of a cut-off chunk as the codec allows (power-loss recovery); returns the bytes produced.</summary>
    public static byte[] DecompressPrefix(string compression, byte[] source, int maxLength)
    {
        using var input = new MemoryStream(source, writable: false);
        using Stream decoder = compression switch
        {
            "zstd" => new DecompressionStream(input),
            "lz4" => LZ4Stream.Decode(input),
            _ => input,
        };
        var output = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            int n;
            while (output.Length < maxLength && (n = decoder.Read(buffer)) > 0)
                output.Write(buffer, 0, n);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The cut: everything decoded before it is kept.
        }
        return output.ToArray();
    }

    public void Dispose()
    {
        _zstdCompressor?.Dispose();
        _zstdDecompressor.Dispose();
    }
}
