using Microsoft.ML.OnnxRuntime;
using VlaRosNode.Policy.Package;

namespace VlaRosNode.Policy.Runtime;

/// <summary>The ONNX Runtime sessions of a package (vision, embedding, target decoder, optional drafter), each
/// checked against the manifest when opened.</summary>
public sealed class LoadedModel : IDisposable
{
    private LoadedModel(VisionEncoder vision, TokenEmbedder embedder, KvCacheDecoder target, KvCacheDecoder? drafter,
        SessionFactory factory, string precision)
    {
        Vision = vision;
        Embedder = embedder;
        Target = target;
        Drafter = drafter;
        Device = factory.ActiveDevice;
        FallbackReason = factory.FallbackReason;
        Precision = precision;
    }

    public VisionEncoder Vision { get; }
    public TokenEmbedder Embedder { get; }
    public KvCacheDecoder Target { get; }
    public KvCacheDecoder? Drafter { get; }
    public ExecutionDevice Device { get; }
    public string? FallbackReason { get; }
    public string Precision { get; }

    public static LoadedModel Open(ModelPackage package, EngineOptions options)
    {
        var m = package.Manifest;
        var name = package.Directory;
        var factory = new SessionFactory(options);
        var opened = new List<IDisposable>();
        try
        {
            var vision = new VisionEncoder(Session(VisionEncoder.Contract(name, m), m.Vision.File, "vision.file"), m);
            opened.Add(vision);
            CheckRuns(vision, m.Vision.File, name);
            var embedder = new TokenEmbedder(Session(TokenEmbedder.Contract(name, m.Embed, m.Decoder.HiddenSize), m.Embed.File, "embed.file"),
                m.Embed, m.Decoder.HiddenSize, m.Decoder.Cache.MaxLength);
            opened.Add(embedder);
            var target = OpenDecoder("decoder", m.Decoder);
            opened.Add(target);
            var drafter = options.LoadDrafter && m.Drafter is { } d ? OpenDecoder("drafter", d) : null;
            return new LoadedModel(vision, embedder, target, drafter, factory, options.Precision);
        }
        catch
        {
            foreach (var part in opened)
                part.Dispose();
            throw;
        }

        KvCacheDecoder OpenDecoder(string field, DecoderSpec spec)
        {
            if (!spec.Files.TryGetValue(options.Precision, out var file))
                throw new ModelPackageException(name, $"{field}.files",
                    $"has no precision '{options.Precision}' (it has: {string.Join(", ", spec.Files.Keys)})");
            return new KvCacheDecoder(Session(KvCacheDecoder.Contract(name, file, spec), file, $"{field}.files.{options.Precision}"), spec);
        }

        InferenceSession Session(GraphContract contract, string file, string field)
        {
            InferenceSession session;
            try
            {
                session = factory.Create(package.PathOf(file));
            }
            catch (OnnxRuntimeException e)
            {
                throw new ModelPackageException(name, $"{field} '{file}'", $"ONNX Runtime cannot load it: {e.Message}", e);
            }
            try
            {
                contract.Check(session);
            }
            catch
            {
                session.Dispose();
                throw;
            }
            return session;
        }
    }

    /// <summary>The visual token count is often a symbolic axis in exported graphs, so the encoder is run once on
    /// zero pixels into an output of the manifest's shape; a mismatch fails here, not at the first step.</summary>
    private static void CheckRuns(VisionEncoder vision, string file, string package)
    {
        try
        {
            vision.Run();
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelPackageException(package, $"vision.file '{file}'",
                $"does not produce [1, {vision.TokenCount}, {vision.HiddenSize}] visual tokens from the manifest's image shape: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        Drafter?.Dispose();
        Target.Dispose();
        Embedder.Dispose();
        Vision.Dispose();
    }
}
