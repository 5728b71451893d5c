using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Policy.Images;

namespace VlaRosNode.Nodes.ArmControl.Images;

/// <summary>
/// sensor_msgs/CompressedImage to RGB. The format is image_transport's (<c>png</c>, or <c>rgb8; png compressed bgr8</c>):
/// either way the PNG itself is a standard RGB(A) or grey file), or <c>jpeg</c> (likewise <c>rgb8; jpeg compressed bgr8</c>:
/// a JFIF YCbCr or grey JPEG). One per camera: JPEG frames are decoded into buffers it keeps (see
/// <see cref="JpegImageDecoder"/>).
/// </summary>
public sealed class CompressedImageDecoder
{
    private readonly JpegImageDecoder _jpeg = new();

    /// <summary>Decodes <paramref name="message"/>; the result is valid until the next call.</summary>
    /// <exception cref="ImageDecodeException">An unsupported format or a corrupt image.</exception>
    public RgbImage Decode(CompressedImage message, string topic)
    {
        var format = message.Format;
        if (format.Contains("png", StringComparison.OrdinalIgnoreCase))
            return PngDecoder.Decode(message.Data, $"'{topic}'");
        if (format.Contains("jpeg", StringComparison.OrdinalIgnoreCase) || format.Contains("jpg", StringComparison.OrdinalIgnoreCase))
            return _jpeg.Decode(message.Data, $"'{topic}'");
        throw new ImageDecodeException($"compressed image on '{topic}': unknown format '{message.Format}' (expected png or jpeg)");
    }
}
