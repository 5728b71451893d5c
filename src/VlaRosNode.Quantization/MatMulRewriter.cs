using Onnx;
using VlaRosNode.Quantization.Onnx;
using VlaRosNode.Quantization.Schemes;

namespace VlaRosNode.Quantization;

/// <summary>One rewritten MatMul: its node and output names and the weight's [K, N].</summary>
public sealed record QuantizedMatMul(string Node, string Output, string Weight, int K, int N);

/// <summary>
/// Rewrites every MatMul whose weight (second input) is a 2-D float initializer with a <see cref="QuantizationScheme"/>;
/// every other node, input, output and initializer is kept. The rewritten nodes write the MatMul's own output
/// name, so nothing downstream changes. A weight read by several MatMuls is quantised once; an fp32 weight that
/// nothing reads any more is dropped.
/// </summary>
public static class MatMulRewriter
{
    public static ModelProto Rewrite(ModelProto source, QuantizationScheme scheme, out IReadOnlyList<QuantizedMatMul> rewritten)
    {
        var model = source.Clone();
        var graph = model.Graph;
        var weights = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var quantized = new HashSet<string>(StringComparer.Ordinal);
        var nodes = new List<NodeProto>();
        var done = new List<QuantizedMatMul>();
        foreach (var node in graph.Node)
        {
            if (WeightOf(node, weights) is not { } weight)
            {
                nodes.Add(node);
                continue;
            }
            int k = (int)weight.Dims[0], n = (int)weight.Dims[1];
            if (node.Name.Length == 0)
                node.Name = node.Output[0] + "_MatMul";
            var prefix = weight.Name;
            if (quantized.Add(prefix))
                graph.Initializer.AddRange(scheme.QuantizeWeight(prefix, Initializers.Floats(weight), k, n));
            nodes.AddRange(scheme.Nodes(node, prefix, k, n));
            done.Add(new QuantizedMatMul(node.Name, node.Output[0], weight.Name, k, n));
        }
        graph.Node.Clear();
        graph.Node.AddRange(nodes);
        DropUnread(graph, quantized);
        foreach (var opset in scheme.ExtraOpsets.Where(o => !model.OpsetImport.Any(m => m.Domain == o.Domain)))
            model.OpsetImport.Add(opset);
        rewritten = done;
        return model;
    }

    /// <summary>The MatMuls <see cref="Rewrite"/> would change, in graph order.</summary>
    public static IReadOnlyList<QuantizedMatMul> Candidates(ModelProto model)
    {
        var weights = model.Graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        return model.Graph.Node.Select(node => (node, weight: WeightOf(node, weights)))
            .Where(p => p.weight is not null)
            .Select(p => new QuantizedMatMul(p.node.Name.Length > 0 ? p.node.Name : p.node.Output[0] + "_MatMul", p.node.Output[0],
                p.weight!.Name, (int)p.weight.Dims[0], (int)p.weight.Dims[1]))
            .ToArray();
    }

    private static TensorProto? WeightOf(NodeProto node, Dictionary<string, TensorProto> weights) =>
        node.OpType == "MatMul" && node.Domain is "" or "ai.onnx" && node.Input.Count == 2 && node.Output.Count == 1
        && weights.TryGetValue(node.Input[1], out var w) && w.DataType == Initializers.Float && w.Dims.Count == 2
        && w.Dims[0] is > 0 and <= int.MaxValue && w.Dims[1] is > 0 and <= int.MaxValue
            ? w : null;

    private static void DropUnread(GraphProto graph, HashSet<string> replaced)
    {
        var read = graph.Node.SelectMany(n => n.Input).Concat(graph.Output.Select(o => o.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var name in replaced.Where(n => !read.Contains(n)))
        {
            graph.Initializer.Remove(graph.Initializer.First(t => t.Name == name));
            if (graph.Input.FirstOrDefault(i => i.Name == name) is { } input)
                graph.Input.Remove(input);
        }
    }
}
