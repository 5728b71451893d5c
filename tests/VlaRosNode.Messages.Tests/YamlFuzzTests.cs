using VlaRosNode.Messages.Text;

namespace VlaRosNode.Messages.Tests;

/// <summary>`topic pub` YAML is user input: mutated valid texts either build a message or raise
/// <see cref="MessageValueException"/>, never anything else.</summary>
public class YamlFuzzTests
{
    private static readonly int Cases = Fuzz.Cases(10_000);

    [Test]
    public void MutatedYamlBuildsOrRaisesMessageValueException()
    {
        (MessageTypeInfo Type, string Text)[] seeds =
        [
            .. SampleMessages.All().Where(m => m is not SensorMsgs.Image).Select(m => (m.TypeInfo, MessageYaml.Format(m))),
            (TrajectoryMsgs.JointTrajectory.Info, "{header: {frame_id: base}, joint_names: [a, b], points: [{positions: [1, .nan], time_from_start: {sec: 2}}]}"),
        ];
        const string alphabet = "{}[]:,-'\"\n #&*!|>%@`0123456789.eE+naif\\ ";
        var random = Fuzz.Random(7);
        int built = 0, rejected = 0;
        for (var i = 0; i < Cases; i++)
        {
            var (type, text) = seeds[random.Next(seeds.Length)];
            var mutated = TextMutator.Mutate(text, alphabet, random);
            try
            {
                CdrTestBytes.Encode(MessageYaml.Parse(type, mutated));
                built++;
            }
            catch (MessageValueException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i}: {type.RosName} from YAML\n{mutated}\nthrew {e}");
            }
        }
        TestContext.Out.WriteLine($"{Cases} mutated YAML texts: {built} built, {rejected} rejected");
        Assert.That(built, Is.GreaterThan(Cases / 20));
        Assert.That(rejected, Is.GreaterThan(Cases / 20));
    }

    [TestCaseSource(typeof(HostileYaml), nameof(HostileYaml.Texts))]
    public void HostileYamlRaisesMessageValueException(string text)
    {
        var error = Assert.Throws<MessageValueException>(() => MessageYaml.Parse(TrajectoryMsgs.JointTrajectory.Info, text));
        Assert.That(error!.Message, Does.Contain("not valid YAML"));
    }
}
