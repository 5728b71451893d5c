using System.Diagnostics;
using VlaRosNode.Policy.Actions;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Dyq;
using VlaRosNode.Policy.Images;
using VlaRosNode.Policy.Package;
using VlaRosNode.Policy.Runtime;
using VlaRosNode.Policy.TokenCache;
using VlaRosNode.Policy.Tokenizers;

namespace VlaRosNode.Policy;

/// <summary>
/// The policy core: observation -> preprocess -> vision encoder -> [bos][visual tokens][prompt] -> decoding
/// strategy -> action tokens -> metric action. Sees no DDS, files or clocks beyond the package it was opened on.
/// </summary>
public sealed class VlaPolicy : IDisposable
{
    private readonly ImagePreprocessor _preprocessor;
    private readonly PromptBuilder _prompt;
    private readonly ActionTokenizer _actions;
    private readonly DecodingContext _context;
    private readonly StepStatistics _contextStatistics = new();

    public VlaPolicy(ModelPackage package, LoadedModel model, IDecodingStrategy strategy)
    {
        Package = package;
        Model = model;
        Strategy = strategy;
        var m = package.Manifest;
        _preprocessor = new ImagePreprocessor(m.Image);
        _prompt = new PromptBuilder(m.Prompt, package.Tokenizer);
        _actions = new ActionTokenizer(m.Action.VocabSize, m.Action.Bins);
        _context = new DecodingContext(model, _actions, _contextStatistics);
        UnnormKey = m.Statistics.Default;
    }

    /// <summary>Loads and checks the package, opens its sessions; plain autoregressive decoding unless told otherwise.</summary>
    public static VlaPolicy Open(string packageDirectory, EngineOptions? options = null, IDecodingStrategy? strategy = null)
    {
        var package = ModelPackage.Load(packageDirectory);
        return new VlaPolicy(package, LoadedModel.Open(package, options ?? new EngineOptions()), strategy ?? new GreedyDecoding());
    }

    public ModelPackage Package { get; }
    public LoadedModel Model { get; }
    public IDecodingStrategy Strategy { get; set; }

    /// <summary>DyQ: when set, each step's decoder precision is chosen from the observation's end-effector history
    /// before inference (the model must have every precision of the controller loaded); null = fixed precision.</summary>
    public DyqController? Dyq
    {
        get;
        set
        {
            if (value?.Options.Precisions.FirstOrDefault(p => !Model.Precisions.Contains(p)) is { } missing)
                throw new ArgumentException($"DyQ precision '{missing}' is not loaded (loaded: {string.Join(", ", Model.Precisions)})");
            field = value;
        }
    }

    /// <summary>Visual token caching across steps (<c>new VisualTokenCache(options, policy)</c>), or null to run every
    /// prefill on the whole prefix.</summary>
    public VisualTokenCache? TokenCache
    {
        get => _context.TokenCache;
        set => _context.TokenCache = value is null || value.Model == Model ? value
            : throw new ArgumentException("the token cache was made for another policy's model");
    }

    /// <summary>Starts a new episode: the strategy forgets its history, DyQ returns to full precision and the token
    /// cache reuses nothing from the previous scene.</summary>
    public void BeginEpisode()
    {
        Strategy.BeginEpisode();
        Dyq?.BeginEpisode();
        _context.TokenCache?.BeginEpisode();
    }

    /// <summary>Which dataset statistics un-normalise actions (the manifest's default unless set).</summary>
    public string UnnormKey
    {
        get;
        set => field = Package.Manifest.Statistics.Keys.ContainsKey(value)
            ? value
            : throw new ArgumentException($"unnorm key '{value}' is not in the package (it has: {string.Join(", ", Package.Manifest.Statistics.Keys.Keys)})");
    }

    public PolicyOutput CreateOutput() => new(Package.Manifest.Action.Dimensions);

    /// <summary>One control step into a reused <paramref name="output"/> (no managed allocation in steady state).</summary>
    public void Step(Observation observation, PolicyOutput output) => Run(observation, output, warmUp: false);

    /// <summary>
    /// Pays ONNX Runtime's (and the JIT's) first-run costs before the first real step, which would otherwise cost
    /// many times a normal one: at every loaded precision, <paramref name="rounds"/> steps on a synthetic observation
    /// of the manifest's shape (mid-grey images, <paramref name="instruction"/> or a placeholder), each running every
    /// graph pass the strategy can make (<see cref="IDecodingStrategy.WarmUp"/>). Nothing carries over into the first
    /// real step: the strategy keeps its state, DyQ is not asked, the precision is restored, every step prefills the
    /// caches afresh and the visual token cache forgets the warm-up's frames (its second round at a precision runs the
    /// reuse path). Returns the time of each precision's first and last round.
    /// </summary>
    public IReadOnlyList<WarmupTiming> WarmUp(int rounds, string instruction = "")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rounds);
        var timings = new List<WarmupTiming>();
        if (rounds == 0)
            return timings;
        var image = Package.Manifest.Image;
        var grey = new RgbImage(image.Width, image.Height, Enumerable.Repeat((byte)128, image.Width * image.Height * 3).ToArray());
        var observation = new Observation([.. image.Cameras.Select(_ => grey)], instruction.Length > 0 ? instruction : "warm up");
        var output = CreateOutput();
        var precision = Model.Precision;
        try
        {
            foreach (var p in Model.Precisions)
            {
                Model.SetPrecision(p);
                double first = 0, last = 0;
                for (var r = 0; r < rounds; r++)
                {
                    var start = Stopwatch.GetTimestamp();
                    Run(observation, output, warmUp: true);
                    last = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    if (r == 0)
                        first = last;
                }
                timings.Add(new WarmupTiming(p, first, last));
            }
        }
        finally
        {
            Model.SetPrecision(precision);
            _context.TokenCache?.BeginEpisode(); // the warm-up's frames are not the scene's: nothing of them is reused
        }
        return timings;
    }

    private void Run(Observation observation, PolicyOutput output, bool warmUp)
    {
        var m = Package.Manifest;
        if (observation.Images.Count != m.Image.Cameras.Count)
            throw new ArgumentException($"{observation.Images.Count} images for cameras [{string.Join(", ", m.Image.Cameras)}]");
        var stats = output.Statistics;
        stats.Clear();
        stats.Strategy = Strategy.Name;
        long targetPasses = Model.Target.Passes, drafterPasses = Model.Drafter?.Passes ?? 0;

        var tq = Stopwatch.GetTimestamp();
        if (Dyq is { } dyq && !warmUp)
        {
            Model.SetPrecision(dyq.Decide(observation.Kinematics?.EndEffector));
            stats.DyqScore = dyq.Score.Score;
        }
        stats.Precision = Model.Precision;
        var t0 = Stopwatch.GetTimestamp();
        stats.DyqTicks = t0 - tq;
        Preprocess(observation.Images);
        var t1 = Stopwatch.GetTimestamp();
        var visual = Model.Vision.Run();
        var t2 = Stopwatch.GetTimestamp();
        WritePrefix(visual, _prompt.Ids(observation.Instruction));
        var t3 = Stopwatch.GetTimestamp();
        _contextStatistics.Clear();
        _context.Observation = observation;
        _context.TokenCache?.BeginStep(observation);
        if (warmUp)
            Strategy.WarmUp(_context, output.Tokens);
        else
            Strategy.Decode(_context, output.Tokens);
        var t4 = Stopwatch.GetTimestamp();
        _actions.Decode(output.Tokens, m.Statistics.Keys[UnnormKey], output.Action);
        var t5 = Stopwatch.GetTimestamp();

        stats.PreprocessTicks = t1 - t0;
        stats.VisionTicks = t2 - t1;
        stats.PromptTicks = t3 - t2;
        stats.DecodeTicks = t4 - t3;
        stats.ActionTicks = t5 - t4;
        stats.TargetPasses = Model.Target.Passes - targetPasses;
        stats.DrafterPasses = (Model.Drafter?.Passes ?? 0) - drafterPasses;
        stats.CopyDecodingFrom(_contextStatistics);
        if (_context.TokenCache is { } cache)
            (stats.VisualTokensReused, stats.VisualTokensRecomputed) = cache.Counts(Model.Target);
    }

    /// <summary>Only the vision encoder: the visual tokens [tokens, hidden] of <paramref name="images"/> (one per
    /// camera), e.g. for retrieval keys; valid until the next call or step.</summary>
    public ReadOnlySpan<float> EncodeImages(IReadOnlyList<RgbImage> images)
    {
        if (images.Count != Package.Manifest.Image.Cameras.Count)
            throw new ArgumentException($"{images.Count} images for cameras [{string.Join(", ", Package.Manifest.Image.Cameras)}]");
        Preprocess(images);
        return Model.Vision.Run();
    }

    private void Preprocess(IReadOnlyList<RgbImage> images)
    {
        var pixels = Model.Vision.Pixels;
        var plane = _preprocessor.OutputLength;
        for (var c = 0; c < images.Count; c++)
            _preprocessor.Run(images[c], pixels.Slice(c * plane, plane));
    }

    public PolicyOutput Step(Observation observation)
    {
        var output = CreateOutput();
        Step(observation, output);
        return output;
    }

    /// <summary>[bos] + visual tokens + prompt embeddings, in OpenVLA's order (patches right after [bos]).</summary>
    private void WritePrefix(ReadOnlySpan<float> visual, ReadOnlySpan<int> promptIds)
    {
        var length = promptIds.Length + Model.Vision.TokenCount;
        var room = Model.Target.Capacity - Package.Manifest.Action.Dimensions;
        if (length > room)
            throw new ArgumentException($"the instruction makes a prefix of {length} tokens; the model's cache " +
                $"(max_length {Model.Target.Capacity}) leaves room for {room} before the action tokens");
        var width = Model.Embedder.HiddenSize;
        var text = Model.Embedder.Run(promptIds);
        var prefix = _context.PrefixBuffer(length);
        text[..width].CopyTo(prefix);
        visual.CopyTo(prefix[width..]);
        text[width..].CopyTo(prefix[(width + visual.Length)..]);
    }

    public void Dispose()
    {
        _context.Release();
        Model.Dispose();
    }
}
