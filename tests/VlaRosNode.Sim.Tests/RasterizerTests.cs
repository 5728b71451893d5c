using System.Numerics;
using VlaRosNode.Sim.Render;
using static VlaRosNode.Sim.Tests.RenderTestScenes;

namespace VlaRosNode.Sim.Tests;

public class RasterizerTests
{
    private readonly Rasterizer _rasterizer = new();

    [Test]
    public void ABoxInFrontOfTheCameraCoversTheCentreAndNotTheCorners()
    {
        var image = new RgbImage(64, 64);
        _rasterizer.Begin(image, FrontCamera(), Background);
        _rasterizer.Draw(MeshLibrary.Box, Box(0.3f, 0), Red);
        Assert.That(image[32, 32].R, Is.GreaterThan(50));
        Assert.That(image[32, 32].G, Is.Zero);
        Assert.That(image[0, 0], Is.EqualTo(((byte)0, (byte)0, (byte)0)));
        Assert.That(image[63, 63], Is.EqualTo(((byte)0, (byte)0, (byte)0)));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void TheNearerSurfaceWinsWhateverTheDrawingOrder(bool nearFirst)
    {
        var image = new RgbImage(64, 64);
        _rasterizer.Begin(image, FrontCamera(), Background);
        var near = Box(0.2f, 0.5f);
        var far = Box(0.5f, -0.5f);
        if (nearFirst)
            _rasterizer.Draw(MeshLibrary.Box, near, Blue);
        _rasterizer.Draw(MeshLibrary.Box, far, Red);
        if (!nearFirst)
            _rasterizer.Draw(MeshLibrary.Box, near, Blue);
        Assert.That(image[32, 32].B, Is.GreaterThan(50), "the near blue box hides the far red one");
        Assert.That(image[32, 32].R, Is.Zero);
        Assert.That(image[40, 32].R, Is.GreaterThan(50), "the larger far box shows around the near one");
    }

    [Test]
    public void PerspectiveHalvesTheWidthAtTwiceTheDistance()
    {
        var image = new RgbImage(128, 128);
        var camera = FrontCamera(128, distance: 3f, fovDegrees: 30f);
        // The face towards the camera is at x + side/2; put it at 1 m and at 2 m from the eye.
        _rasterizer.Begin(image, camera, Background);
        _rasterizer.Draw(MeshLibrary.Box, Box(0.2f, 3f - 1f - 0.1f), Red);
        var nearWidth = RedWidth(image, 64);
        _rasterizer.Begin(image, camera, Background);
        _rasterizer.Draw(MeshLibrary.Box, Box(0.2f, 3f - 2f - 0.1f), Red);
        var farWidth = RedWidth(image, 64);
        // Expected pixels: side * focal / distance.
        Assert.That(nearWidth, Is.EqualTo(0.2 * camera.FocalPixels / 1).Within(1.5));
        Assert.That(farWidth, Is.EqualTo(0.2 * camera.FocalPixels / 2).Within(1.5));
    }

    [Test]
    public void FacesTowardsTheLightAreBrighter()
    {
        var image = new RgbImage(64, 64);
        // From above and in front, the top face and the front face of a white box are both visible.
        var camera = Camera.LookAt(new Vector3(1.5f, 0, 1.5f), new Vector3(0, 0, 0.5f), 40, 64, 64);
        _rasterizer.Begin(image, camera, Background);
        _rasterizer.Draw(MeshLibrary.Box, Box(0.6f, 0), Vector3.One);
        var top = image[32, 26].R;
        var front = image[32, 40].R;
        Assert.That(top, Is.GreaterThan(front + 20), $"top {top}, front {front}");
        Assert.That(front, Is.GreaterThan(0));
    }

    [Test]
    public void TrianglesCrossingTheCameraPlaneAreClippedNotDropped()
    {
        // A floor reaching from in front of the camera to behind it: only the part ahead may show, in the lower half.
        var image = new RgbImage(64, 64);
        var camera = Camera.LookAt(new Vector3(0, 0, 0.5f), new Vector3(-1, 0, 0.5f), 60, 64, 64);
        _rasterizer.Begin(image, camera, Background);
        var floor = Matrix4x4.CreateScale(4, 4, 0.01f) * Matrix4x4.CreateTranslation(0, 0, 0);
        _rasterizer.Draw(MeshLibrary.Box, floor, Red);
        Assert.That(image[32, 63].R, Is.GreaterThan(0), "floor below the horizon");
        Assert.That(image[32, 0].R, Is.Zero, "sky above it");
    }

    [Test]
    public void DrawingBeforeBeginIsAnError()
    {
        Assert.Throws<InvalidOperationException>(() => new Rasterizer().Draw(MeshLibrary.Box, Matrix4x4.Identity, Red));
    }
}
