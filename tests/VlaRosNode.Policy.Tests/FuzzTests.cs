using VlaRosNode.Policy.Package;
using VlaRosNode.Policy.Runtime;
using VlaRosNode.Policy.Tokenizers;

namespace VlaRosNode.Policy.Tests;

/// <summary>Mutated manifests and tokenizer files: the only failure is the one clear error of each parser.</summary>
public class FuzzTests
{
    [Test]
    public void Mutated_manifests_fail_only_with_ModelPackageException()
    {
        var valid = File.ReadAllText(Path.Combine(Fixture.PackageDirectory, ModelPackage.ManifestFile));
        var rng = Fuzz.Random(11);
        int accepted = 0, rejected = 0;
        for (var i = 0; i < Fuzz.Cases(3000); i++)
        {
            var mutated = Mutator.Mutate(valid, rng);
            try
            {
                ManifestParser.Parse(mutated, "fuzz");
                accepted++;
            }
            catch (ModelPackageException e)
            {
                Assert.That(e.Where, Is.Not.Empty);
                rejected++;
            }
        }
        Assert.That(rejected, Is.GreaterThan(1000), $"{accepted} mutations were accepted");
    }

    [Test]
    public void Mutated_packages_fail_to_load_and_open_only_with_ModelPackageException()
    {
        var dir = Fixture.CopyPackage();
        try
        {
            var manifestPath = Path.Combine(dir, ModelPackage.ManifestFile);
            var valid = File.ReadAllText(manifestPath);
            var rng = Fuzz.Random(5);
            var opened = 0;
            for (var i = 0; i < Fuzz.Cases(150); i++)
            {
                File.WriteAllText(manifestPath, Mutator.Mutate(valid, rng));
                try
                {
                    var package = ModelPackage.Load(dir);
                    LoadedModel.Open(package, new EngineOptions()).Dispose();
                    opened++;
                }
                catch (ModelPackageException)
                {
                }
            }
            Assert.That(opened, Is.LessThan(Fuzz.Cases(150)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void Mutated_tokenizer_files_fail_only_with_FormatException()
    {
        var valid = File.ReadAllText(Path.Combine(Fixture.PackageDirectory, "tokenizer.json"));
        var rng = Fuzz.Random(2);
        var rejected = 0;
        for (var i = 0; i < Fuzz.Cases(2000); i++)
        {
            try
            {
                WordLevelTokenizer.FromJson(Mutator.Mutate(valid, rng)).Encode("pick up the red cube");
            }
            catch (FormatException)
            {
                rejected++;
            }
        }
        Assert.That(rejected, Is.GreaterThan(200));
    }

    [TestCaseSource(typeof(HostileYaml), nameof(HostileYaml.Texts))]
    public void Hostile_manifests_fail_with_ModelPackageException(string text)
    {
        var error = Assert.Throws<ModelPackageException>(() => ManifestParser.Parse(text, "pkg"));
        Assert.That(error!.Message, Does.Contain("manifest.yaml").And.Contain("not valid YAML"));
    }
}
