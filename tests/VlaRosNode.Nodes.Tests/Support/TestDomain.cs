namespace VlaRosNode.Nodes.Tests.Support;

/// <summary>DDS domain ids for these tests, apart from the ROS 2 client's tests (100-229) so concurrent runs never meet.</summary>
internal static class TestDomain
{
    private static int _next = Environment.ProcessId % 40;

    public static uint Next() => (uint)(40 + Interlocked.Increment(ref _next) % 50);
}
