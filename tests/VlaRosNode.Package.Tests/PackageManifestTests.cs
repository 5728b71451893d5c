using VlaRosNode.Package.Tests.Package;
using VlaRosNode.Package.Tests.Support;

namespace VlaRosNode.Package.Tests;

/// <summary>package.xml: an ament_cmake package in format 3 whose exec dependencies cover the message packages the
/// nodes use (every package under interfaces/ but our own) and Cyclone DDS.</summary>
public sealed class PackageManifestTests
{
    private static readonly PackageManifest Manifest = PackageManifest.Load(RepoPaths.Of("package.xml"));

    [Test]
    public void IsAnAmentCmakePackageInFormat3()
    {
        Assert.That(Manifest.Name, Is.EqualTo("vla_ros_node"));
        Assert.That(Manifest.Format, Is.EqualTo("3"));
        Assert.That(Manifest.BuildType, Is.EqualTo("ament_cmake"));
        Assert.That(Manifest.BuildtoolDepends, Does.Contain("ament_cmake"));
        Assert.That(File.ReadAllText(RepoPaths.Of("CMakeLists.txt")), Does.Contain("project(vla_ros_node "), "CMake project name = package name");
    }

    [Test]
    public void ExecDependsOnEveryMessagePackageUsedAndCycloneDds()
    {
        var messagePackages = Directory.GetDirectories(RepoPaths.Of("interfaces")).Select(Path.GetFileName).Where(p => p != Manifest.Name);
        Assert.That(Manifest.ExecDepends, Is.SupersetOf(messagePackages));
        Assert.That(Manifest.ExecDepends, Does.Contain("cyclonedds").And.Contain("rmw_cyclonedds_cpp"));
    }
}
