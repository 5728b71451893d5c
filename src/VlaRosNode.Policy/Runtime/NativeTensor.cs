using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace VlaRosNode.Policy.Runtime;

/// <summary>
/// A fixed native buffer with ONNX Runtime tensor views over its first elements. A view's shape is
/// <c>shapeOf(n)</c>; views are made on first use of each n and kept, so steady-state stepping allocates nothing.
/// </summary>
internal sealed unsafe class NativeTensor<T> : IDisposable where T : unmanaged
{
    private readonly T* _data;
    private readonly Func<int, long[]> _shapeOf;
    private readonly OrtValue?[] _views;
    private readonly TensorElementType _type;

    public NativeTensor(int capacity, int maxN, Func<int, long[]> shapeOf)
    {
        Capacity = capacity;
        _data = (T*)NativeMemory.AlignedAlloc((nuint)(capacity * sizeof(T)), 64);
        new Span<T>(_data, capacity).Clear();
        _shapeOf = shapeOf;
        _views = new OrtValue?[maxN + 1];
        _type = typeof(T) == typeof(float) ? TensorElementType.Float
            : typeof(T) == typeof(long) ? TensorElementType.Int64
            : throw new NotSupportedException($"tensors of {typeof(T).Name}");
    }

    public int Capacity { get; }

    public Span<T> Span => new(_data, Capacity);

    /// <summary>The tensor of shape <c>shapeOf(n)</c> over the start of the buffer.</summary>
    public OrtValue View(int n)
    {
        if (_views[n] is { } view)
            return view;
        var shape = _shapeOf(n);
        var elements = shape.Aggregate(1L, (a, b) => a * b);
        if (elements > Capacity)
            throw new ArgumentOutOfRangeException(nameof(n), $"shape [{string.Join(", ", shape)}] exceeds the buffer of {Capacity}");
        return _views[n] = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, _type, shape,
            (IntPtr)_data, elements * sizeof(T));
    }

    public void Dispose()
    {
        foreach (var view in _views)
            view?.Dispose();
        Array.Clear(_views);
        NativeMemory.AlignedFree(_data);
    }
}
