using VlaRosNode.Bag;
using VlaRosNode.Nodes.Bag;
using VlaRosNode.Ros2;
using BagQos = VlaRosNode.Bag.QosProfile;
using RosQos = VlaRosNode.Ros2.QosProfile;

namespace VlaRosNode.Nodes.Tests.Bag;

/// <summary>The one conversion between rosbag2's stored offered QoS (Bag layer) and the client's QoS (Ros2 layer),
/// used by `vla bag record` to store and by `vla bag play` to replay each topic's publisher profile.</summary>
public sealed class QosConversionTests
{
    private static IEnumerable<RosQos> EveryClientProfile() =>
        from reliability in Enum.GetValues<Reliability>()
        from durability in Enum.GetValues<Durability>()
        from history in Enum.GetValues<History>()
        select new RosQos(reliability, durability, history, 7);

    [TestCaseSource(nameof(EveryClientProfile))]
    public void EveryClientProfileSurvivesStoringAndReplaying(RosQos offered) =>
        Assert.That(QosConversion.ToRos2([QosConversion.ToBag(offered)]), Is.EqualTo(offered));

    [Test]
    public void StoredProfilesUseRosbag2sNamesAndInfiniteDurations()
    {
        var stored = QosConversion.ToBag(new RosQos(Reliability.BestEffort, Durability.TransientLocal, History.KeepLast, 3));
        Assert.That(stored, Is.EqualTo(BagQos.Default with
        {
            Reliability = QosReliability.BestEffort, Durability = QosDurability.TransientLocal, History = QosHistory.KeepLast, Depth = 3,
        }));
    }

    [Test]
    public void HumblesUnknownHistoryWithDepthZeroReplaysAsKeepLastTen()
    {
        var humble = BagQos.Default with { History = QosHistory.Unknown, Depth = 0, Reliability = QosReliability.BestEffort };
        Assert.That(QosConversion.ToRos2([humble]), Is.EqualTo(new RosQos(Reliability.BestEffort, Durability.Volatile, History.KeepLast, 10)));
    }

    [Test]
    public void ATopicWithoutStoredQosReplaysWithTheDefaultProfile() =>
        Assert.That(QosConversion.ToRos2([]), Is.EqualTo(RosQos.Default));

    [Test]
    public void TheFirstRecordedPublishersProfileIsReplayed()
    {
        var first = BagQos.SensorData;
        var second = BagQos.Default with { Durability = QosDurability.TransientLocal };
        Assert.That(QosConversion.ToRos2([first, second]), Is.EqualTo(RosQos.SensorData));
    }
}
