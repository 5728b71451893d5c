using Onnx;

namespace VlaRosNode.Quantization.Schemes;

/// <summary>How one MatMul with a constant [K, N] weight is rewritten: the weight's quantised initializers and
/// the nodes that compute the MatMul's output (same name) from its activation and those initializers.</summary>
public abstract record QuantizationScheme
{
    /// <summary>The manifest's precision name of the variant (decoder.files.NAME).</summary>
    public abstract string Precision { get; }

    /// <summary>Every manifest name the variant's file is entered under (<see cref="Precision"/> first).</summary>
    public virtual IReadOnlyList<string> Names => [Precision];

    /// <summary>One line for reports: kernel, bits, parameters.</summary>
    public abstract string Description { get; }

    /// <summary>Opsets the rewritten nodes need beyond the model's default domain.</summary>
    internal virtual IEnumerable<OperatorSetIdProto> ExtraOpsets => [];

    /// <summary>Initializers holding <paramref name="weight"/> [K, N] quantised, named from <paramref name="prefix"/>.</summary>
    internal abstract IEnumerable<TensorProto> QuantizeWeight(string prefix, float[] weight, int k, int n);

    /// <summary>Nodes replacing <paramref name="matMul"/>, reading the initializers named from <paramref name="prefix"/>.</summary>
    internal abstract IEnumerable<NodeProto> Nodes(NodeProto matMul, string prefix, int k, int n);

    internal static NodeProto Node(string op, string name, IEnumerable<string> inputs, IEnumerable<string> outputs, string domain = "")
    {
        var node = new NodeProto { OpType = op, Name = name, Domain = domain };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        return node;
    }

    internal static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };
}
