using VlaRosNode.Policy.Tokenizers;

namespace VlaRosNode.Policy.Package;

/// <summary>
/// A model package folder: manifest.yaml, the tokenizer and the ONNX files it names. <see cref="Load"/> checks the
/// manifest, that every named file is inside the folder and present, and the tokenizer; graph names and shapes
/// are checked when the sessions are opened (<see cref="Runtime.LoadedModel.Open"/>). Every problem is one
/// <see cref="ModelPackageException"/>.
/// </summary>
public sealed class ModelPackage
{
    public const string ManifestFile = "manifest.yaml";

    private ModelPackage(string directory, ModelManifest manifest, ITextTokenizer tokenizer)
    {
        Directory = directory;
        Manifest = manifest;
        Tokenizer = tokenizer;
    }

    public string Directory { get; }
    public ModelManifest Manifest { get; }
    public ITextTokenizer Tokenizer { get; }

    public string PathOf(string file) => Path.Combine(Directory, file);

    public static ModelPackage Load(string directory)
    {
        var dir = Path.GetFullPath(directory);
        var manifestPath = Path.Combine(dir, ManifestFile);
        if (!File.Exists(manifestPath))
            throw new ModelPackageException(dir, ManifestFile, System.IO.Directory.Exists(dir) ? "missing" : "the folder does not exist");
        var manifest = ManifestParser.Parse(File.ReadAllText(manifestPath), dir);
        foreach (var (field, file) in NamedFiles(manifest))
            CheckFile(dir, field, file);
        var tokenizer = LoadTokenizer(dir, manifest.Tokenizer);
        if (tokenizer.VocabularySize > manifest.Decoder.VocabSize)
            throw new ModelPackageException(dir, "tokenizer.file",
                $"has {tokenizer.VocabularySize} tokens, more than decoder.vocab_size {manifest.Decoder.VocabSize}");
        return new ModelPackage(dir, manifest, tokenizer);
    }

    private static IEnumerable<(string Field, string File)> NamedFiles(ModelManifest m)
    {
        yield return ("tokenizer.file", m.Tokenizer.File);
        yield return ("vision.file", m.Vision.File);
        yield return ("embed.file", m.Embed.File);
        foreach (var (precision, file) in m.Decoder.Files)
            yield return ($"decoder.files.{precision}", file);
        foreach (var (precision, file) in m.Drafter?.Files ?? new Dictionary<string, string>())
            yield return ($"drafter.files.{precision}", file);
    }

    private static void CheckFile(string dir, string field, string file)
    {
        var full = Path.GetFullPath(Path.Combine(dir, file));
        if (Path.IsPathRooted(file) || !full.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ModelPackageException(dir, field, $"'{file}' must be a path inside the package folder");
        if (!File.Exists(full))
            throw new ModelPackageException(dir, field, $"file '{file}' does not exist");
    }

    private static ITextTokenizer LoadTokenizer(string dir, TokenizerSpec spec)
    {
        var path = Path.Combine(dir, spec.File);
        try
        {
            return spec.Type == "word-level"
                ? WordLevelTokenizer.FromJson(File.ReadAllText(path))
                : LlamaTokenizerAdapter.FromFile(path);
        }
        catch (FormatException e)
        {
            throw new ModelPackageException(dir, $"tokenizer.file '{spec.File}'", e.Message, e);
        }
    }
}
