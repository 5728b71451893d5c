using Google.Protobuf;
using Onnx;

namespace VlaRosNode.Quantization.Onnx;

/// <summary>
/// Reads an ONNX file and checks what the quantiser relies on: a parsable protobuf with a graph and a default-domain
/// opset, initializers whose data fits their type and shape, and every node and graph output defined before use
/// (ONNX graphs are topologically sorted). Every problem is one <see cref="OnnxModelException"/>.
/// </summary>
public static class OnnxModelFile
{
    public static ModelProto Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OnnxModelException(path, "cannot be read: " + e.Message, e);
        }
        return Parse(bytes, path);
    }

    public static ModelProto Parse(byte[] bytes, string file)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxModelException(file, $"not a valid ONNX protobuf (truncated or corrupted, {bytes.Length} bytes): {e.Message}", e);
        }
        Check(model, file);
        return model;
    }

    public static void Save(ModelProto model, string path) => File.WriteAllBytes(path, model.ToByteArray());

    private static void Check(ModelProto model, string file)
    {
        var graph = model.Graph ?? throw new OnnxModelException(file, "has no graph");
        if (!model.OpsetImport.Any(o => o.Domain is "" or "ai.onnx"))
            throw new OnnxModelException(file, "imports no default-domain (ai.onnx) opset");
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in graph.Input)
            defined.Add(input.Name);
        foreach (var tensor in graph.Initializer)
        {
            CheckInitializer(tensor, file);
            defined.Add(tensor.Name);
        }
        for (var i = 0; i < graph.Node.Count; i++)
        {
            var node = graph.Node[i];
            foreach (var input in node.Input.Where(n => n.Length > 0 && !defined.Contains(n)))
                throw new OnnxModelException(file, $"node {i} '{node.Name}' ({node.OpType}) reads '{input}', which no graph input, initializer or earlier node defines");
            foreach (var output in node.Output)
                defined.Add(output);
        }
        foreach (var output in graph.Output.Where(o => !defined.Contains(o.Name)))
            throw new OnnxModelException(file, $"graph output '{output.Name}' is not produced by any node");
    }

    private static void CheckInitializer(TensorProto t, string file)
    {
        if (t.Name.Length == 0)
            throw new OnnxModelException(file, "an initializer has no name");
        if (t.DataLocation == TensorProto.Types.DataLocation.External)
            throw new OnnxModelException(file, $"initializer '{t.Name}' keeps its data in an external file, which is not supported");
        var count = Initializers.ElementCount(t);
        if (count < 0)
            throw new OnnxModelException(file, $"initializer '{t.Name}' has invalid dims [{string.Join(", ", t.Dims)}]");
        var size = ElementSize(t.DataType);
        var raw = t.RawData.Length;
        if (raw > 0 && size > 0 && raw != count * size)
            throw new OnnxModelException(file, $"initializer '{t.Name}' of shape [{string.Join(", ", t.Dims)}] holds {raw} bytes, expected {count * size}");
        if (raw == 0 && t.DataType == Initializers.Float && t.FloatData.Count != count)
            throw new OnnxModelException(file, $"initializer '{t.Name}' of shape [{string.Join(", ", t.Dims)}] holds {t.FloatData.Count} floats, expected {count}");
    }

    /// <summary>Bytes per element of the fixed-size types (0 for strings and types this tool never reads).</summary>
    private static int ElementSize(int type) => (TensorProto.Types.DataType)type switch
    {
        TensorProto.Types.DataType.Float or TensorProto.Types.DataType.Int32 or TensorProto.Types.DataType.Uint32 => 4,
        TensorProto.Types.DataType.Double or TensorProto.Types.DataType.Int64 or TensorProto.Types.DataType.Uint64 => 8,
        TensorProto.Types.DataType.Float16 or TensorProto.Types.DataType.Bfloat16 or TensorProto.Types.DataType.Int16
            or TensorProto.Types.DataType.Uint16 => 2,
        TensorProto.Types.DataType.Int8 or TensorProto.Types.DataType.Uint8 or TensorProto.Types.DataType.Bool => 1,
        _ => 0,
    };
}
