namespace VlaRosNode.Ros2.Tests;

/// <summary>DDS domain ids for tests: a different one per fixture and process, so concurrent test runs on the
/// same machine never see each other's traffic.</summary>
internal static class TestDomain
{
    private static int _next = 100 + Environment.ProcessId % 60 * 2;

    public static uint Next() => (uint)(100 + (Interlocked.Increment(ref _next) - 100) % 130);
}
