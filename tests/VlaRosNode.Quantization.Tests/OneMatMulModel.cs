using Onnx;

namespace VlaRosNode.Quantization.Tests;

/// <summary>A graph of one MatMul: input A [rows, K] times a constant [K, N] weight, output Y [rows, N].</summary>
internal static class OneMatMulModel
{
    public static ModelProto Build(float[] weight, int k, int n)
    {
        var graph = new GraphProto { Name = "one-matmul" };
        graph.Input.Add(Value("A", "rows", k));
        graph.Output.Add(Value("Y", "rows", n));
        var w = new TensorProto { Name = "W", DataType = (int)TensorProto.Types.DataType.Float };
        w.Dims.AddRange([k, n]);
        w.FloatData.AddRange(weight);
        graph.Initializer.Add(w);
        var node = new NodeProto { OpType = "MatMul", Name = "matmul" };
        node.Input.AddRange(["A", "W"]);
        node.Output.Add("Y");
        graph.Node.Add(node);
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return model;
    }

    public static float[] Multiply(float[] a, float[] w, int rows, int k, int n)
    {
        var y = new float[rows * n];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < n; c++)
            {
                var sum = 0.0;
                for (var i = 0; i < k; i++)
                    sum += a[r * k + i] * (double)w[i * n + c];
                y[r * n + c] = (float)sum;
            }
        return y;
    }

    public static float[] Random(int count, int seed, float amplitude = 1f)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() * 2 - 1) * amplitude).ToArray();
    }

    private static ValueInfoProto Value(string name, string rows, int columns)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = rows });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = columns });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
