namespace VlaRosNode.Ros2.Tests;

/// <summary>Polls a condition with a generous deadline: a failure means "never happened", not "too slow".</summary>
internal static class Wait
{
    public static void Until(Func<bool> condition, string what, double seconds = 30)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"gave up waiting for {what}");
            Thread.Sleep(10);
        }
    }
}
