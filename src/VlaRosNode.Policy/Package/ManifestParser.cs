using VlaRosNode.Policy.Actions;
using VlaRosNode.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VlaRosNode.Policy.Package;

/// <summary>Parses and checks manifest.yaml; every problem is a <see cref="ModelPackageException"/>.</summary>
public static class ManifestParser
{
    public const string Format = "vla-model-package/1";
    private const int MaxDimension = 1 << 20;

    public static ModelManifest Parse(string yaml, string package)
    {
        var root = new YamlFields(package, Root(yaml, package), "");
        var format = root.String("format");
        if (format != Format)
            throw root.Error("format", $"'{format}' is not supported (expected '{Format}')");

        var image = ParseImage(root.Map("image"));
        var vision = ParseVision(root.Map("vision"));
        var decoder = ParseDecoder(root.Map("decoder"));
        var drafterFields = root.OptionalMap("drafter");
        var drafter = drafterFields is null ? null : ParseDecoder(drafterFields);
        var action = ParseAction(root.Map("action"), decoder);
        var manifest = new ModelManifest(
            root.String("name"), ParseTokenizer(root.Map("tokenizer")), ParsePrompt(root.Map("prompt"), decoder),
            image, vision, ParseEmbed(root.Map("embed")), decoder, drafter, action,
            ParseStatistics(root.Map("statistics"), action));

        CheckCapacity(root, "decoder", decoder, manifest.PrefixTokens, action);
        if (drafter is not null)
        {
            CheckCapacity(root, "drafter", drafter, manifest.PrefixTokens, action);
            // The drafter reads the same embeddings and proposes ids of the same vocabulary.
            if (drafter.HiddenSize != decoder.HiddenSize || drafter.VocabSize != decoder.VocabSize)
                throw root.Error("drafter", "hidden_size and vocab_size must equal the decoder's");
        }
        return manifest;
    }

    private static YamlMappingNode Root(string yaml, string package)
    {
        YamlStream stream;
        try
        {
            stream = YamlLoader.Load(yaml);
        }
        catch (YamlException e)
        {
            var place = YamlLoader.Place(e);
            throw new ModelPackageException(package, place is null ? "manifest.yaml" : $"manifest.yaml {place}", "not valid YAML: " + e.Message, e);
        }
        return stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode map
            ? map
            : throw new ModelPackageException(package, "manifest.yaml", "expected one YAML document holding a mapping");
    }

    private static TokenizerSpec ParseTokenizer(YamlFields f)
    {
        var type = f.String("type");
        if (type is not ("word-level" or "llama-sentencepiece"))
            throw f.Error("type", $"'{type}' is not one of word-level, llama-sentencepiece");
        return new TokenizerSpec(type, f.String("file"));
    }

    private static PromptSpec ParsePrompt(YamlFields f, DecoderSpec decoder)
    {
        var template = f.String("template");
        if (!template.Contains("{instruction}", StringComparison.Ordinal))
            throw f.Error("template", "must contain {instruction}");
        var vocab = decoder.VocabSize - 1;
        return new PromptSpec(template, f.Bool("lowercase_instruction"), f.Int("bos_token_id", 0, vocab),
            f.Ints("append_token_ids", 0, vocab));
    }

    private static ImageSpec ParseImage(YamlFields f)
    {
        var cameras = f.Strings("cameras");
        if (cameras.Count == 0 || cameras.Distinct().Count() != cameras.Count)
            throw f.Error("cameras", "must list at least one camera, each once");
        var crop = f.Float("crop_scale");
        if (crop is <= 0 or > 1)
            throw f.Error("crop_scale", $"{crop} is outside (0, 1]");
        var resize = f.String("resize");
        if (resize != "bilinear")
            throw f.Error("resize", $"'{resize}' is not supported (expected bilinear)");
        var mean = f.Floats("mean");
        var std = f.Floats("std");
        if (mean.Length != 3)
            throw f.Error("mean", "expected 3 values (R, G, B)");
        if (std.Length != 3 || std.Any(s => s <= 0))
            throw f.Error("std", "expected 3 positive values (R, G, B)");
        return new ImageSpec(cameras, f.Int("height", 1, 4096), f.Int("width", 1, 4096), crop, resize, mean, std);
    }

    private static VisionSpec ParseVision(YamlFields f) =>
        new(f.String("file"), f.String("input"), f.String("output"), f.Int("tokens_per_camera", 1, MaxDimension));

    private static EmbedSpec ParseEmbed(YamlFields f) => new(f.String("file"), f.String("input"), f.String("output"));

    private static DecoderSpec ParseDecoder(YamlFields f)
    {
        var filesFields = f.Map("files");
        var files = filesFields.Keys().ToDictionary(k => k, filesFields.String);
        if (files.Count == 0)
            throw f.Error("files", "must name at least one precision variant (e.g. fp32: decoder.onnx)");
        var templates = new[] { "past_key", "past_value", "present_key", "present_value" }
            .Select(key => (key, value: f.String(key))).ToArray();
        foreach (var (key, value) in templates.Where(t => !t.value.Contains("{layer}", StringComparison.Ordinal)))
            throw f.Error(key, $"'{value}' must contain {{layer}}");
        var c = f.Map("cache");
        var cache = new CacheSpec(c.Int("layers", 1, 1024), c.Int("heads", 1, 1024), c.Int("head_dim", 1, 4096),
            c.Int("max_length", 2, MaxDimension));
        return new DecoderSpec(files, f.String("inputs_embeds"), f.String("attention_mask"), f.String("position_ids"),
            templates[0].value, templates[1].value, templates[2].value, templates[3].value, f.String("logits"),
            f.Int("hidden_size", 1, MaxDimension), f.Int("vocab_size", 2, MaxDimension), cache);
    }

    private static ActionSpec ParseAction(YamlFields f, DecoderSpec decoder)
    {
        var rule = f.String("rule");
        if (rule != "openvla")
            throw f.Error("rule", $"'{rule}' is not supported (expected openvla)");
        var spec = new ActionSpec(rule, f.Int("dimensions", 1, 64), f.Int("bins", 2, 65536), f.Int("vocab_size", 2, MaxDimension));
        // OpenVLA counts action ids from the tokenizer's 32000 while its logits are padded to 32064: the action
        // vocabulary may be smaller than the decoder's, never larger.
        if (spec.VocabSize > decoder.VocabSize)
            throw f.Error("vocab_size", $"{spec.VocabSize} exceeds decoder.vocab_size {decoder.VocabSize}");
        if (spec.Bins > spec.VocabSize)
            throw f.Error("bins", $"{spec.Bins} action ids do not fit a vocabulary of {spec.VocabSize}");
        return spec;
    }

    private static StatisticsSpec ParseStatistics(YamlFields f, ActionSpec action)
    {
        var keysFields = f.Map("keys");
        var keys = new Dictionary<string, ActionStatistics>(StringComparer.Ordinal);
        foreach (var key in keysFields.Keys())
        {
            var s = keysFields.Map(key);
            var stats = new ActionStatistics(s.Floats("q01"), s.Floats("q99"), s.Bools("mask"));
            foreach (var (name, length) in new[] { ("q01", stats.Q01.Length), ("q99", stats.Q99.Length), ("mask", stats.Mask.Length) })
                if (length != action.Dimensions)
                    throw s.Error(name, $"has {length} values, the action has {action.Dimensions} dimensions");
            for (var d = 0; d < action.Dimensions; d++)
                if (stats.Q99[d] < stats.Q01[d])
                    throw s.Error("q99", $"q99[{d}] = {stats.Q99[d]} is below q01[{d}] = {stats.Q01[d]}");
            keys[key] = stats;
        }
        var defaultKey = f.String("default");
        if (!keys.ContainsKey(defaultKey))
            throw f.Error("default", $"'{defaultKey}' is not one of the statistics keys ({string.Join(", ", keys.Keys)})");
        return new StatisticsSpec(defaultKey, keys);
    }

    private static void CheckCapacity(YamlFields root, string name, DecoderSpec spec, int prefix, ActionSpec action)
    {
        if (spec.Cache.MaxLength < prefix + action.Dimensions + 1)
            throw root.Error($"{name}.cache.max_length",
                $"{spec.Cache.MaxLength} cannot hold [bos] + visual tokens ({prefix}) + a prompt + {action.Dimensions} action tokens");
    }
}
