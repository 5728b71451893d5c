using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using VlaRosNode.Policy.Package;

namespace VlaRosNode.Policy.Runtime;

/// <summary>vision.onnx: pixel_values [1, cameras, 3, H, W] -> visual_tokens [1, cameras x tokens_per_camera, hidden].</summary>
public sealed class VisionEncoder : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly NativeTensor<float> _pixels;
    private readonly NativeTensor<float> _tokens;
    private readonly OrtIoBinding _binding;
    private readonly string _file;

    internal VisionEncoder(InferenceSession session, ModelManifest manifest)
    {
        _session = session;
        _file = manifest.Vision.File;
        var image = manifest.Image;
        var cameras = image.Cameras.Count;
        Cameras = cameras;
        TokenCount = cameras * manifest.Vision.TokensPerCamera;
        HiddenSize = manifest.Decoder.HiddenSize;
        _pixels = new NativeTensor<float>(cameras * 3 * image.Height * image.Width, 0, _ => [1, cameras, 3, image.Height, image.Width]);
        _tokens = new NativeTensor<float>(TokenCount * HiddenSize, 0, _ => [1, TokenCount, HiddenSize]);
        _binding = session.CreateIoBinding();
        _binding.BindInput(manifest.Vision.Input, _pixels.View(0));
        _binding.BindOutput(manifest.Vision.Output, _tokens.View(0));
    }

    public int Cameras { get; }
    public int TokenCount { get; }
    public int HiddenSize { get; }

    /// <summary>Preprocessed pixels of every camera in manifest order, [cameras, 3, H, W].</summary>
    public Span<float> Pixels => _pixels.Span;

    /// <summary>The visual tokens of the last <see cref="Run"/>, [tokens, hidden].</summary>
    public ReadOnlySpan<float> Tokens => _tokens.Span;

    /// <summary>Runs the encoder on <see cref="Pixels"/>; returns the visual tokens [tokens, hidden].</summary>
    public ReadOnlySpan<float> Run()
    {
        _session.RunBound(_runOptions, _binding, _file);
        return _tokens.Span;
    }

    internal static GraphContract Contract(string package, ModelManifest m)
    {
        var i = m.Image;
        return new GraphContract(package, m.Vision.File)
            .Input(m.Vision.Input, TensorElementType.Float, null, i.Cameras.Count, 3, i.Height, i.Width)
            .Output(m.Vision.Output, TensorElementType.Float, null, i.Cameras.Count * m.Vision.TokensPerCamera, m.Decoder.HiddenSize);
    }

    public void Dispose()
    {
        _binding.Dispose();
        _pixels.Dispose();
        _tokens.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
