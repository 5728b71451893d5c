using VlaRosNode.Messages.VlaRosNode;
using VlaRosNode.Nodes.Demo;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Tests;
using VlaRosNode.Ros2.Transport;

namespace VlaRosNode.Nodes.Tests;

/// <summary>The demo's monitor reads /vla/status: steps, commanded ones and their latency, and why the others held,
/// faults that differ only in their numbers counted as one reason.</summary>
public sealed class DemoMonitorTests
{
    [Test]
    public void Hold_reasons_are_counted_with_their_numbers_as_hashes_most_frequent_first()
    {
        using var context = RosContext.Create([], new RosContextOptions { InProcess = new InProcessDomain(), LogOutput = TextWriter.Null });
        using var monitor = new DemoMonitor(context);
        using var policy = context.CreateNode("policy");
        var status = policy.CreatePublisher<PolicyStatus>("/vla/status", QosProfile.Default.WithDepth(100));
        Wait.Until(() => status.SubscriptionCount > 0, "the monitor to subscribe");

        status.Publish(new PolicyStatus { Commanded = true, TotalMs = 12 });
        status.Publish(new PolicyStatus { Fault = "no instruction (set the instruction parameter or publish one)" });
        status.Publish(new PolicyStatus { Fault = "observation is 0.612 s old (limit 0.5 s)" });
        status.Publish(new PolicyStatus { Fault = "observation is 3 s old (limit 0.5 s)" });
        status.Publish(new PolicyStatus { HoldSent = true }); // held without a fault: not a reason
        Wait.Until(() => monitor.PolicySteps.Steps == 5, "the five statuses");

        Assert.That(monitor.PolicySteps, Is.EqualTo((5L, 1L, 12.0)));
        Assert.That(monitor.HoldReasons, Is.EqualTo(new[]
        {
            ("observation is # s old (limit # s)", 2),
            ("no instruction (set the instruction parameter or publish one)", 1),
        }));
    }
}
