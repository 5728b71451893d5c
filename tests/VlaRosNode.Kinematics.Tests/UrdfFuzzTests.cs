using System.Text;
using VlaRosNode.Kinematics.Chains;
using VlaRosNode.Kinematics.Robots;
using VlaRosNode.Kinematics.Urdf;

namespace VlaRosNode.Kinematics.Tests;

/// <summary>
/// Mutated versions of the shipped URDFs: the parser either returns a model that the chain and tree
/// builders accept, or throws <see cref="UrdfException"/> (never another exception type).
/// </summary>
public class UrdfFuzzTests
{
    private static readonly string[] Garbage =
        ["", " ", "nan", "inf", "-1e400", "1 2", "1 2 3 4", "0 0 0", "abc", "panda_link3", "-5", "1e-320", "\u00e9", "&amp;", "0x10"];

    [TestCase("panda")]
    [TestCase("ur5e")]
    public void MutatedUrdfsParseOrFailWithUrdfException(string robot)
    {
        var original = ShippedRobot.UrdfText(robot);
        var random = Fuzz.Random(robot.Sum(c => c)); // fixed per robot: string.GetHashCode changes from run to run
        int accepted = 0, rejected = 0;
        for (var i = 0; i < Fuzz.Cases(1500); i++)
        {
            var mutated = Mutate(original, random, 1 + random.Next(3));
            try
            {
                var model = UrdfParser.Parse(mutated, "fuzz.urdf");
                _ = new KinematicTree(model);
                accepted++;
            }
            catch (UrdfException e)
            {
                Assert.That(e.Message, Does.StartWith("URDF fuzz.urdf"));
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} threw {e.GetType().Name}: {e.Message}\n--- input ---\n{mutated}");
            }
        }
        TestContext.Out.WriteLine($"{robot}: {accepted} accepted, {rejected} rejected");
        Assert.That(rejected, Is.GreaterThan(300), "the mutations must reach the error paths");
        Assert.That(accepted, Is.GreaterThan(50), "the mutations must also produce valid robots");
    }

    private static string Mutate(string text, Random random, int count)
    {
        var s = new StringBuilder(text);
        for (var m = 0; m < count && s.Length > 0; m++)
        {
            var at = random.Next(s.Length);
            switch (random.Next(6))
            {
                case 0: // delete a short span
                    s.Remove(at, Math.Min(s.Length - at, 1 + random.Next(12)));
                    break;
                case 1: // duplicate a span
                    var length = Math.Min(s.Length - at, 1 + random.Next(80));
                    s.Insert(random.Next(s.Length), s.ToString(at, length));
                    break;
                case 2: // flip a character
                    s[at] = (char)random.Next(32, 127);
                    break;
                case 3: // replace an attribute value with garbage
                    ReplaceAttributeValue(s, random);
                    break;
                case 4: // drop a whole line (an element)
                    var lines = s.ToString().Split('\n').ToList();
                    lines.RemoveAt(random.Next(lines.Count));
                    s.Clear().Append(string.Join('\n', lines));
                    break;
                default: // truncate
                    s.Length = at;
                    break;
            }
        }
        return s.ToString();
    }

    private static void ReplaceAttributeValue(StringBuilder s, Random random)
    {
        var text = s.ToString();
        var quotes = new List<int>();
        for (var i = text.IndexOf("=\"", StringComparison.Ordinal); i >= 0; i = text.IndexOf("=\"", i + 1, StringComparison.Ordinal))
            quotes.Add(i + 2);
        if (quotes.Count == 0)
            return;
        var start = quotes[random.Next(quotes.Count)];
        var end = text.IndexOf('"', start);
        if (end < 0)
            return;
        s.Remove(start, end - start).Insert(start, Garbage[random.Next(Garbage.Length)]);
    }
}
