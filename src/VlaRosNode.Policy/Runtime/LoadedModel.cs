using Microsoft.ML.OnnxRuntime;
using VlaRosNode.Policy.Package;

namespace VlaRosNode.Policy.Runtime;

/// <summary>The ONNX Runtime sessions of a package (vision, embedding, target decoder, optional drafter), each
/// checked against the manifest when opened. The decoders may hold one session per precision (DyQ), each a file the
/// manifest names. Each session holds its own copy of its weights: sharing them between the precisions of one graph
/// (AddInitializer with a pre-packed weights container) saved nothing here, because MatMulNBits pre-packs each
/// accuracy level differently (measured in docs/dyq.md).</summary>
public sealed class LoadedModel : IDisposable
{
    private LoadedModel(VisionEncoder vision, TokenEmbedder embedder, KvCacheDecoder target, KvCacheDecoder? drafter,
        SessionFactory factory)
    {
        Vision = vision;
        Embedder = embedder;
        Target = target;
        Drafter = drafter;
        Device = factory.ActiveDevice;
        FallbackReason = factory.FallbackReason;
    }

    public VisionEncoder Vision { get; }
    public TokenEmbedder Embedder { get; }
    public KvCacheDecoder Target { get; }
    public KvCacheDecoder? Drafter { get; }
    public ExecutionDevice Device { get; }
    public string? FallbackReason { get; }

    /// <summary>The precision the decoders run at now.</summary>
    public string Precision => Target.Precision;

    /// <summary>The precisions loaded to switch between.</summary>
    public IReadOnlyList<string> Precisions => Target.Precisions;

    /// <summary>Switches target and drafter between passes; their caches are kept.</summary>
    public void SetPrecision(string precision)
    {
        Target.Precision = precision;
        if (Drafter is not null)
            Drafter.Precision = precision;
    }

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
            return new LoadedModel(vision, embedder, target, drafter, factory);
        }
        catch
        {
            foreach (var part in opened)
                part.Dispose();
            throw;
        }

        KvCacheDecoder OpenDecoder(string field, DecoderSpec spec)
        {
            var sessions = new List<(string, InferenceSession)>();
            try
            {
                foreach (var precision in options.LoadedPrecisions)
                {
                    if (!spec.Files.TryGetValue(precision, out var file))
                        throw new ModelPackageException(name, $"{field}.files",
                            $"has no precision '{precision}' (it has: {string.Join(", ", spec.Files.Keys)}; `vla model quantize` writes int8, int4 and int4:accN)");
                    sessions.Add((precision, Session(KvCacheDecoder.Contract(name, file, spec), file, $"{field}.files.{precision}")));
                }
                return new KvCacheDecoder(sessions, spec);
            }
            catch
            {
                foreach (var (_, session) in sessions)
                    session.Dispose();
                throw;
            }
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
        catch (GraphRunException e)
        {
            throw new ModelPackageException(package, $"vision.file '{file}'",
                $"does not produce [1, {vision.TokenCount}, {vision.HiddenSize}] visual tokens from the manifest's image shape: {e.InnerException!.Message}", e);
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
