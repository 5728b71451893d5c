using VlaRosNode.Bag;
using VlaRosNode.Messages.BuiltinInterfaces;
using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Messages.StdMsgs;

namespace VlaRosNode.Cli.Commands.Bench;

/// <summary>The bag `vla bench bag` reads: 640x480 rgb8 camera images at 30 Hz and 7-joint states at 100 Hz,
/// as a robot run would record them. Images are a smooth gradient with sensor-like noise and a moving object,
/// so zstd compresses them about as much as real camera frames. Frames are rendered and serialised to CDR before
/// the clock starts (a recorder receives CDR); each write only patches the header stamp.</summary>
internal sealed class BagBenchWorkload
{
    private const int Width = 640, Height = 480, Frames = 16;
    private const long ImagePeriodNs = 33_333_333, JointPeriodNs = 10_000_000;
    private const long StartNs = 1_700_000_000_000_000_000;

    private readonly byte[][] _images;
    private readonly JointState _joints = new()
    {
        Header = new Header { FrameId = "base" },
        Name = [.. Enumerable.Range(1, 7).Select(i => $"panda_joint{i}")],
        Position = new double[7],
        Velocity = new double[7],
        Effort = new double[7],
    };

    public BagBenchWorkload()
    {
        var noise = new Random(7);
        _images = Enumerable.Range(0, Frames).Select(frame =>
        {
            var image = new Image { Header = new Header { FrameId = "camera" }, Height = Height, Width = Width, Encoding = "rgb8", Step = Width * 3, Data = new byte[Width * Height * 3] };
            Render(image.Data, frame, noise);
            var cdr = new byte[image.GetSerializedSize()];
            image.Serialize(cdr);
            return cdr;
        }).ToArray();
    }

    /// <summary>Writes messages until the payload reaches <paramref name="targetBytes"/>; returns (messages, payload bytes).</summary>
    public (long Messages, long Bytes) Write(string folder, BagWriterOptions options, long targetBytes)
    {
        using var writer = BagWriter.Create(folder, options);
        writer.CreateTopic(TopicMetadata.For<Image>("/camera/image_raw", QosProfile.SensorData));
        writer.CreateTopic(TopicMetadata.For<JointState>("/joint_states", QosProfile.Default));
        var jointBuffer = new byte[4096];
        long messages = 0, bytes = 0, nextImage = StartNs, nextJoints = StartNs;
        var frame = 0;
        while (bytes < targetBytes)
        {
            if (nextImage <= nextJoints)
            {
                var cdr = _images[frame++ % Frames];
                // header.stamp is the first field after the 4-byte encapsulation header: int32 sec, uint32 nanosec.
                BitConverter.TryWriteBytes(cdr.AsSpan(4), (int)(nextImage / 1_000_000_000));
                BitConverter.TryWriteBytes(cdr.AsSpan(8), (uint)(nextImage % 1_000_000_000));
                writer.Write("/camera/image_raw", nextImage, cdr);
                bytes += cdr.Length;
                nextImage += ImagePeriodNs;
            }
            else
            {
                for (var j = 0; j < 7; j++)
                {
                    _joints.Position[j] = Math.Sin(nextJoints * 1e-9 + j);
                    _joints.Velocity[j] = Math.Cos(nextJoints * 1e-9 + j);
                }
                _joints.Header.Stamp = new Time { Sec = (int)(nextJoints / 1_000_000_000), Nanosec = (uint)(nextJoints % 1_000_000_000) };
                var length = _joints.Serialize(jointBuffer);
                writer.Write("/joint_states", nextJoints, jointBuffer.AsSpan(0, length));
                bytes += length;
                nextJoints += JointPeriodNs;
            }
            messages++;
        }
        return (messages, bytes);
    }

    private static void Render(byte[] rgb, int frame, Random noise)
    {
        var objectX = frame * 37 % Width;
        for (var y = 0; y < Height; y++)
        {
            var row = y * Width * 3;
            for (var x = 0; x < Width; x++)
            {
                var inObject = Math.Abs(x - objectX) < 40 && Math.Abs(y - 240) < 40;
                var n = noise.Next(8);
                rgb[row + x * 3] = (byte)(inObject ? 200 : x * 255 / Width + n);
                rgb[row + x * 3 + 1] = (byte)(inObject ? 30 : y * 255 / Height + n);
                rgb[row + x * 3 + 2] = (byte)(inObject ? 30 : 128 + n);
            }
        }
    }
}
