namespace VlaRosNode.Policy.Package;

/// <summary>The parsed manifest.yaml of a model package (docs/model-package.md describes every field).</summary>
public sealed record ModelManifest(
    string Name,
    TokenizerSpec Tokenizer,
    PromptSpec Prompt,
    ImageSpec Image,
    VisionSpec Vision,
    EmbedSpec Embed,
    DecoderSpec Decoder,
    DecoderSpec? Drafter,
    ActionSpec Action,
    StatisticsSpec Statistics)
{
    /// <summary>Tokens before the prompt text: [bos] plus every camera's visual tokens.</summary>
    public int PrefixTokens => 1 + Image.Cameras.Count * Vision.TokensPerCamera;
}

public sealed record TokenizerSpec(string Type, string File);

/// <summary>OpenVLA's prompt: the template with <c>{instruction}</c>, [bos] first, optional ids appended.</summary>
public sealed record PromptSpec(string Template, bool LowercaseInstruction, int BosTokenId, IReadOnlyList<int> AppendTokenIds);

/// <summary>Per-camera preprocessing: centre crop (area fraction), bilinear resize, (x/255 - mean) / std.</summary>
public sealed record ImageSpec(
    IReadOnlyList<string> Cameras, int Height, int Width, float CropScale, string Resize,
    IReadOnlyList<float> Mean, IReadOnlyList<float> Std);

public sealed record VisionSpec(string File, string Input, string Output, int TokensPerCamera);

public sealed record EmbedSpec(string File, string Input, string Output);

public sealed record CacheSpec(int Layers, int Heads, int HeadDim, int MaxLength);

/// <summary>A decoder graph with KV cache (the target, or the drafter): files per precision and I/O names.</summary>
public sealed record DecoderSpec(
    IReadOnlyDictionary<string, string> Files,
    string InputsEmbeds, string AttentionMask, string PositionIds,
    string PastKey, string PastValue, string PresentKey, string PresentValue, string Logits,
    int HiddenSize, int VocabSize, CacheSpec Cache)
{
    /// <summary>One precision per file: a file listed under several names (<c>int4</c> is also <c>int4:acc4</c>) counts
    /// once, under its first name, so tools that measure every variant do not measure one file twice.</summary>
    public IEnumerable<KeyValuePair<string, string>> Variants => Files.DistinctBy(f => f.Value);

    /// <summary>A per-layer name from a template such as <c>past_key_values.{layer}.key</c>.</summary>
    public static string LayerName(string template, int layer) =>
        template.Replace("{layer}", layer.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>The action head: <c>Dimensions</c> tokens among the last <c>Bins</c> ids of a <c>VocabSize</c> vocabulary.</summary>
public sealed record ActionSpec(string Rule, int Dimensions, int Bins, int VocabSize);

public sealed record StatisticsSpec(string Default, IReadOnlyDictionary<string, Actions.ActionStatistics> Keys);
