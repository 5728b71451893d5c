using System.Numerics;
using VlaRosNode.Sim.Render;

namespace VlaRosNode.Sim.Tests;

/// <summary>Small fixed scenes for renderer tests: a camera on the x axis looking at the origin.</summary>
internal static class RenderTestScenes
{
    public static readonly Vector3 Red = new(1, 0, 0), Blue = new(0, 0, 1), Background = new(0, 0, 0);

    /// <summary>Camera at (distance, 0, 0.5) looking along -x at (0, 0, 0.5).</summary>
    public static Camera FrontCamera(int size = 64, float distance = 2f, float fovDegrees = 40f) =>
        Camera.LookAt(new Vector3(distance, 0, 0.5f), new Vector3(0, 0, 0.5f), fovDegrees, size, size);

    /// <summary>A box of <paramref name="side"/> centred at (x, y, 0.5).</summary>
    public static Matrix4x4 Box(float side, float x, float y = 0) =>
        Matrix4x4.CreateScale(side) * Matrix4x4.CreateTranslation(x, y, 0.5f - side / 2);

    /// <summary>Columns of row <paramref name="y"/> whose red channel is lit.</summary>
    public static int RedWidth(RgbImage image, int y) => Enumerable.Range(0, image.Width).Count(x => image[x, y].R > 0);
}
