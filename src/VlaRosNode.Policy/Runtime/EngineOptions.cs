namespace VlaRosNode.Policy.Runtime;

public enum ExecutionDevice
{
    Cpu,
    Cuda,
}

/// <summary>How the ONNX Runtime sessions of a model package are created.</summary>
public sealed record EngineOptions
{
    /// <summary>Threads inside one operator. 1 is fastest for small models on this project's 2-core machines.</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Threads across independent operators (only used by the parallel executor).</summary>
    public int InterOpThreads { get; init; } = 1;

    /// <summary>The execution provider asked for; CUDA falls back to CPU when unavailable (see <see cref="VlaRosNode.Policy.Runtime.SessionFactory"/>).</summary>
    public ExecutionDevice Device { get; init; } = ExecutionDevice.Cpu;

    public int DeviceId { get; init; }

    /// <summary>Which of the package's precision variants of the decoder (and drafter) to load and start with
    /// (a key of the manifest's decoder.files: fp32, int8, int4, int4:acc0...).</summary>
    public string Precision { get; init; } = "fp32";

    /// <summary>Further precisions loaded beside <see cref="Precision"/> to switch between step by step (DyQ).</summary>
    public IReadOnlyList<string> SwitchablePrecisions { get; init; } = [];

    /// <summary>Every precision loaded, the starting one first.</summary>
    public IReadOnlyList<string> LoadedPrecisions => [Precision, .. SwitchablePrecisions.Where(p => p != Precision).Distinct()];

    /// <summary>Whether the drafter graph (if the package has one) is loaded.</summary>
    public bool LoadDrafter { get; init; } = true;
}
