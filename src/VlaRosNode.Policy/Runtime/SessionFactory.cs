using Microsoft.ML.OnnxRuntime;

namespace VlaRosNode.Policy.Runtime;

/// <summary>
/// Creates sessions with the engine options. Asking for CUDA where the CUDA provider cannot be loaded (the CPU
/// package, no GPU, no driver) falls back to the CPU provider and says why in <see cref="FallbackReason"/>.
/// </summary>
public sealed class SessionFactory
{
    private readonly EngineOptions _options;

    public SessionFactory(EngineOptions options)
    {
        _options = options;
        ActiveDevice = options.Device;
        if (options.Device == ExecutionDevice.Cuda)
        {
            try
            {
                using var probe = new SessionOptions();
                probe.AppendExecutionProvider_CUDA(options.DeviceId);
            }
            catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                ActiveDevice = ExecutionDevice.Cpu;
                FallbackReason = $"CUDA execution provider unavailable ({e.Message.Trim()}); running on CPU";
            }
        }
    }

    /// <summary>The provider sessions actually run on.</summary>
    public ExecutionDevice ActiveDevice { get; }

    /// <summary>Why the requested device was not used; null when it was.</summary>
    public string? FallbackReason { get; }

    public InferenceSession Create(string path)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = _options.IntraOpThreads,
            InterOpNumThreads = _options.InterOpThreads,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        if (ActiveDevice == ExecutionDevice.Cuda)
            options.AppendExecutionProvider_CUDA(_options.DeviceId);
        return new InferenceSession(path, options);
    }
}
