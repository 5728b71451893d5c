using System.Diagnostics;

namespace VlaRosNode.Cli.Commands.Bench;

/// <summary>One measured operation: median time per call over several runs, and managed bytes allocated per call.</summary>
public sealed record BenchmarkRow(string Operation, string Detail, int CallsPerRun, double NanosecondsPerCall, double BytesPerCall);

/// <summary>
/// Times a small operation: a warm-up long enough for the tiered JIT to reach optimised code, then
/// <see cref="Runs"/> runs of <c>calls</c> calls each; reports the median run (robust to a noisy shared
/// machine) and the allocation per call on this thread. Each call returns a number that is folded into
/// <see cref="Sink"/>, so the JIT cannot drop the work as dead code.
/// </summary>
public sealed class MicroBenchmark(int runs = 7)
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromMilliseconds(300);

    public int Runs { get; } = runs;

    /// <summary>The sum of every result; keeps the measured work observable.</summary>
    public double Sink { get; private set; }

    /// <summary>For work with side effects (writing buffers, advancing a simulation).</summary>
    public BenchmarkRow Measure(string operation, string detail, int calls, Action body) =>
        Measure(operation, detail, calls, () =>
        {
            body();
            return 0;
        });

    /// <summary>For pure computations: return something derived from the result.</summary>
    public BenchmarkRow Measure(string operation, string detail, int calls, Func<double> body)
    {
        var warm = Stopwatch.StartNew();
        var sink = 0.0;
        while (warm.Elapsed < WarmUp)
            sink += body();

        var perCall = new double[Runs];
        long allocated = 0;
        for (var run = 0; run < Runs; run++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < calls; i++)
                sink += body();
            clock.Stop();
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            perCall[run] = clock.Elapsed.TotalNanoseconds / calls;
        }
        Sink += sink;
        Array.Sort(perCall);
        return new BenchmarkRow(operation, detail, calls, perCall[Runs / 2], allocated / (double)(calls * Runs));
    }
}
