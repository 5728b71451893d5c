using Microsoft.ML.Tokenizers;

namespace VlaRosNode.Policy.Tokenizers;

/// <summary>
/// OpenVLA-family models: Llama's SentencePiece model (tokenizer.model) through Microsoft.ML.Tokenizers, without
/// the beginning-of-sentence id (the prompt builder adds [bos] itself).
/// </summary>
public sealed class LlamaTokenizerAdapter(LlamaTokenizer tokenizer) : ITextTokenizer
{
    public int VocabularySize => tokenizer.Vocabulary.Count;

    public static LlamaTokenizerAdapter FromFile(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return new LlamaTokenizerAdapter(LlamaTokenizer.Create(stream, addBeginOfSentence: false, addEndOfSentence: false));
        }
        catch (Exception e)
        {
            // The file is open; what fails now is parsing it, and the protobuf reader throws several types
            // for that (InvalidProtocolBufferException is even an IOException): one FormatException for all.
            throw new FormatException($"not a SentencePiece model: {e.Message}", e);
        }
    }

    public IReadOnlyList<int> Encode(string text) => tokenizer.EncodeToIds(text);
}
