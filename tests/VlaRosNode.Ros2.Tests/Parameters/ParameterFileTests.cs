using VlaRosNode.Ros2.Parameters;

namespace VlaRosNode.Ros2.Tests.Parameters;

public sealed class ParameterFileTests
{
    private const string Yaml = """
        /**:
          ros__parameters:
            use_sim_time: true
            rate: 10
        /robot/policy:
          ros__parameters:
            rate: 30.0
            model:
              path: /models/vla
              precisions: [fp16, int8]
        robot:
          driver:
            ros__parameters:
              joints: [1, 2, 3]
        /**/camera:
          ros__parameters:
            exposure: 0.5
        /robot/*:
          ros__parameters:
            in_robot: true
        """;

    [Test]
    public void MatchesWildcardsExactNamesAndNestedNamespaces()
    {
        var file = ParameterFile.Parse(Yaml, "test.yaml");
        var policy = file.ValuesFor("/robot/policy");
        Assert.That(policy["use_sim_time"].Value, Is.EqualTo(true));
        Assert.That(policy["rate"].Value, Is.EqualTo(30.0), "the later, more specific section wins");
        Assert.That(policy["model.path"].Value, Is.EqualTo("/models/vla"));
        Assert.That(policy["model.precisions"].Value, Is.EqualTo(new[] { "fp16", "int8" }));
        Assert.That(policy["in_robot"].Value, Is.EqualTo(true));

        var driver = file.ValuesFor("/robot/driver");
        Assert.That(driver["joints"].Value, Is.EqualTo(new long[] { 1, 2, 3 }));

        var camera = file.ValuesFor("/a/b/camera");
        Assert.That(camera["exposure"].Value, Is.EqualTo(0.5));
        Assert.That(camera.ContainsKey("in_robot"), Is.False);
        Assert.That(file.ValuesFor("/other").Keys, Is.EquivalentTo(new[] { "use_sim_time", "rate" }));
    }

    [TestCase("node: [1, 2]", "must be a node name or namespace")]
    [TestCase("ros__parameters: {a: 1}", "must sit under a node name")]
    [TestCase("node:\n  ros__parameters: 5", "must be a mapping")]
    [TestCase("node:\n  ros__parameters:\n    mixed: [1, true]", "mix types")]
    [TestCase("node:\n  ros__parameters:\n    empty: []", "empty array")]
    [TestCase("node: {ros__parameters: {a: [1, 2}", "not valid YAML")]
    public void MalformedFilesNameTheFileAndProblem(string yaml, string expected)
    {
        var error = Assert.Throws<ParameterException>(() => ParameterFile.Parse(yaml, "bad.yaml"));
        Assert.That(error!.Message, Does.Contain("bad.yaml").And.Contain(expected));
    }

    /// <summary>Mutated versions of a valid file either parse or fail with a ParameterException, never anything else.</summary>
    [Test]
    public void FuzzedFilesOnlyEverFailWithParameterException()
    {
        var random = Fuzz.Random(1234);
        var alphabet = ":-[]{}/*, \n\"'#&!|>0123456789.aeiou_";
        var outcomes = new Dictionary<string, int> { ["parsed"] = 0, ["rejected"] = 0 };
        for (var i = 0; i < Fuzz.Cases(2000); i++)
        {
            var chars = Yaml.ToCharArray().ToList();
            for (var m = random.Next(1, 6); m > 0; m--)
            {
                var at = random.Next(chars.Count);
                switch (random.Next(3))
                {
                    case 0: chars[at] = alphabet[random.Next(alphabet.Length)]; break;
                    case 1: chars.RemoveAt(at); break;
                    default: chars.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                }
            }
            try
            {
                var file = ParameterFile.Parse(new string([.. chars]), "fuzz.yaml");
                _ = file.ValuesFor("/robot/policy");
                outcomes["parsed"]++;
            }
            catch (ParameterException)
            {
                outcomes["rejected"]++;
            }
        }
        Assert.That(outcomes["parsed"], Is.GreaterThan(0));
        Assert.That(outcomes["rejected"], Is.GreaterThan(0));
    }

    [TestCaseSource(typeof(HostileYaml), nameof(HostileYaml.Texts))]
    public void HostileYamlRaisesParameterException(string text)
    {
        var error = Assert.Throws<ParameterException>(() => ParameterFile.Parse(text, "bad.yaml"));
        Assert.That(error!.Message, Does.Contain("bad.yaml").And.Contain("not valid YAML"));
    }
}
