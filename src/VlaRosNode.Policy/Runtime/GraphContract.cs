using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using VlaRosNode.Policy.Package;

namespace VlaRosNode.Policy.Runtime;

/// <summary>
/// What a graph of the package must look like: every input it takes (no more, no fewer) and the outputs the
/// engine binds, each with element type and dimensions (null = any size; dynamic graph axes match anything).
/// </summary>
internal sealed class GraphContract(string package, string file)
{
    private readonly List<(string Name, TensorElementType Type, long?[] Dims)> _inputs = [];
    private readonly List<(string Name, TensorElementType Type, long?[] Dims)> _outputs = [];

    public GraphContract Input(string name, TensorElementType type, params long?[] dims)
    {
        _inputs.Add((name, type, dims));
        return this;
    }

    public GraphContract Output(string name, TensorElementType type, params long?[] dims)
    {
        _outputs.Add((name, type, dims));
        return this;
    }

    public void Check(InferenceSession session)
    {
        foreach (var name in session.InputMetadata.Keys.Where(n => _inputs.All(i => i.Name != n)))
            throw new ModelPackageException(package, file, $"has input '{name}' that the manifest does not name");
        foreach (var (name, type, dims) in _inputs)
            CheckOne("input", session.InputMetadata, name, type, dims);
        foreach (var (name, type, dims) in _outputs)
            CheckOne("output", session.OutputMetadata, name, type, dims);
    }

    private void CheckOne(string kind, IReadOnlyDictionary<string, NodeMetadata> metadata, string name,
        TensorElementType type, long?[] dims)
    {
        if (!metadata.TryGetValue(name, out var node))
            throw new ModelPackageException(package, file, $"has no {kind} '{name}' (it has: {string.Join(", ", metadata.Keys)})");
        var where = $"{file} {kind} '{name}'";
        if (!node.IsTensor || node.ElementDataType != type)
            throw new ModelPackageException(package, where, $"is {node.ElementDataType}, expected a {type} tensor");
        var actual = node.Dimensions;
        if (actual.Length != dims.Length)
            throw new ModelPackageException(package, where, $"has rank {actual.Length}, expected {dims.Length}");
        for (var i = 0; i < dims.Length; i++)
            if (dims[i] is { } expected && actual[i] >= 0 && actual[i] != expected)
                throw new ModelPackageException(package, where, $"axis {i} is {actual[i]}, expected {expected}");
    }
}
