namespace VlaRosNode.Policy.Tokenizers;

/// <summary>Text -> token ids (without [bos]; the prompt builder adds it).</summary>
public interface ITextTokenizer
{
    /// <summary>Ids this tokenizer can produce are in [0, VocabularySize).</summary>
    int VocabularySize { get; }

    IReadOnlyList<int> Encode(string text);
}
