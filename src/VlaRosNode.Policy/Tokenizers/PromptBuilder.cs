using VlaRosNode.Policy.Package;

namespace VlaRosNode.Policy.Tokenizers;

/// <summary>
/// OpenVLA's prompt as token ids: [bos], then the template with the (lower-cased) instruction, then the
/// manifest's appended ids. The visual tokens go right after [bos]. The ids of the last instruction are kept,
/// so a control loop with an unchanged instruction tokenizes once.
/// </summary>
public sealed class PromptBuilder(PromptSpec spec, ITextTokenizer tokenizer)
{
    private string? _instruction;
    private int[] _ids = [];

    /// <summary>[bos] + prompt ids + appended ids.</summary>
    public ReadOnlySpan<int> Ids(string instruction)
    {
        if (instruction == _instruction)
            return _ids;
        var text = spec.Template.Replace("{instruction}", spec.LowercaseInstruction ? instruction.ToLowerInvariant() : instruction);
        _ids = [spec.BosTokenId, .. tokenizer.Encode(text), .. spec.AppendTokenIds];
        _instruction = instruction;
        return _ids;
    }
}
