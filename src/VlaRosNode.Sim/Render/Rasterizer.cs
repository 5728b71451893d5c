using System.Numerics;
using System.Runtime.CompilerServices;

namespace VlaRosNode.Sim.Render;

/// <summary>A triangle rasteriser (edge functions solved per row for the covered span): perspective projection, near-plane clipping, back-face culling,
/// Lambert shading with one directional light, and a z-buffer (on 1/depth, which is linear in screen space).
/// Scratch buffers grow once and are reused, so drawing allocates nothing per frame.</summary>
public sealed class Rasterizer
{
    /// <summary>Direction towards the light (from above, on the front camera's side).</summary>
    private static readonly Vector3 Light = Vector3.Normalize(new Vector3(0.5f, -0.3f, 1f));

    private const float Ambient = 0.35f, Diffuse = 0.65f;

    private RgbImage? _image;
    private float[] _inverseDepth = [];
    private Vector3[] _world = [];
    private Vector4[] _clip = [];
    private readonly Vector4[] _polygon = new Vector4[4];
    private Matrix4x4 _viewProjection;
    private Vector3 _eye;

    /// <summary>Starts a frame: clears <paramref name="image"/> to <paramref name="background"/> and the depth buffer.</summary>
    public void Begin(RgbImage image, in Camera camera, Vector3 background)
    {
        _image = image;
        var pixels = image.Width * image.Height;
        if (_inverseDepth.Length < pixels)
            _inverseDepth = new float[pixels];
        Array.Clear(_inverseDepth, 0, pixels);
        byte r = ToByte(background.X), g = ToByte(background.Y), b = ToByte(background.Z);
        var span = image.Pixels.AsSpan();
        for (var i = 0; i < span.Length; i += 3)
        {
            span[i] = r;
            span[i + 1] = g;
            span[i + 2] = b;
        }
        _viewProjection = camera.ViewProjection();
        _eye = camera.Position;
    }

    /// <summary>Draws <paramref name="mesh"/> placed by <paramref name="model"/> in flat <paramref name="color"/> (RGB in [0, 1]).</summary>
    public void Draw(Mesh mesh, in Matrix4x4 model, Vector3 color)
    {
        if (_image is null)
            throw new InvalidOperationException("Rasterizer.Draw called before Begin");
        var count = mesh.Positions.Length;
        if (_world.Length < count)
        {
            _world = new Vector3[count];
            _clip = new Vector4[count];
        }
        var toClip = model * _viewProjection;
        for (var i = 0; i < count; i++)
        {
            _world[i] = Vector3.Transform(mesh.Positions[i], model);
            _clip[i] = Vector4.Transform(mesh.Positions[i], toClip);
        }

        var indices = mesh.Indices;
        for (var t = 0; t < indices.Length; t += 3)
        {
            int i0 = indices[t], i1 = indices[t + 1], i2 = indices[t + 2];
            var normal = Vector3.Cross(_world[i1] - _world[i0], _world[i2] - _world[i0]);
            var facing = Vector3.Dot(normal, _eye - _world[i0]);
            if (facing <= 0)
            {
                if (!mesh.DoubleSided)
                    continue;
                normal = -normal;
            }
            var lengthSquared = normal.LengthSquared();
            if (lengthSquared <= 0)
                continue;
            var shade = Ambient + Diffuse * MathF.Max(0, Vector3.Dot(normal, Light) / MathF.Sqrt(lengthSquared));
            var rgb = color * shade;
            DrawClipped(_clip[i0], _clip[i1], _clip[i2], ToByte(rgb.X), ToByte(rgb.Y), ToByte(rgb.Z));
        }
    }

    /// <summary>Clips a clip-space triangle against the near plane (w = Near) and fills what is left.</summary>
    private void DrawClipped(Vector4 a, Vector4 b, Vector4 c, byte r, byte g, byte bl)
    {
        const float near = Camera.Near;
        if (a.W >= near && b.W >= near && c.W >= near)
        {
            Fill(a, b, c, r, g, bl);
            return;
        }
        var n = 0;
        ClipEdge(a, b, ref n);
        ClipEdge(b, c, ref n);
        ClipEdge(c, a, ref n);
        for (var i = 1; i + 1 < n; i++)
            Fill(_polygon[0], _polygon[i], _polygon[i + 1], r, g, bl);
    }

    private void ClipEdge(Vector4 from, Vector4 to, ref int n)
    {
        const float near = Camera.Near;
        if (from.W >= near)
            _polygon[n++] = from;
        if ((from.W >= near) != (to.W >= near))
            _polygon[n++] = Vector4.Lerp(from, to, (near - from.W) / (to.W - from.W));
    }

    private void Fill(Vector4 a, Vector4 b, Vector4 c, byte r, byte g, byte bl)
    {
        var image = _image!;
        int width = image.Width, height = image.Height;
        float wa = 1 / a.W, wb = 1 / b.W, wc = 1 / c.W;
        // NDC -> pixels, y down.
        float ax = (a.X * wa + 1) * 0.5f * width, ay = (1 - a.Y * wa) * 0.5f * height;
        float bx = (b.X * wb + 1) * 0.5f * width, by = (1 - b.Y * wb) * 0.5f * height;
        float cx = (c.X * wc + 1) * 0.5f * width, cy = (1 - c.Y * wc) * 0.5f * height;
        var area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
        if (MathF.Abs(area) < 1e-8f)
            return;
        if (area < 0)
        {
            (bx, cx) = (cx, bx);
            (by, cy) = (cy, by);
            (wb, wc) = (wc, wb);
            area = -area;
        }

        var minX = Math.Max(0, (int)MathF.Floor(MathF.Min(ax, MathF.Min(bx, cx))));
        var maxX = Math.Min(width - 1, (int)MathF.Ceiling(MathF.Max(ax, MathF.Max(bx, cx))));
        var minY = Math.Max(0, (int)MathF.Floor(MathF.Min(ay, MathF.Min(by, cy))));
        var maxY = Math.Min(height - 1, (int)MathF.Ceiling(MathF.Max(ay, MathF.Max(by, cy))));
        if (minX > maxX || minY > maxY)
            return;

        // Edge functions at the first pixel centre; each is the (doubled) area of the sub-triangle opposite a vertex.
        // 1/depth is linear in screen space, so it too is a plane: a value at the first pixel plus x and y gradients.
        var inverseArea = 1 / area;
        float px = minX + 0.5f, py = minY + 0.5f;
        float e0 = Edge(bx, by, cx, cy, px, py), e0dx = -(cy - by), e0dy = cx - bx;
        float e1 = Edge(cx, cy, ax, ay, px, py), e1dx = -(ay - cy), e1dy = ax - cx;
        float e2 = Edge(ax, ay, bx, by, px, py), e2dx = -(by - ay), e2dy = bx - ax;
        var zdx = (e0dx * wa + e1dx * wb + e2dx * wc) * inverseArea;
        var zdy = (e0dy * wa + e1dy * wb + e2dy * wc) * inverseArea;
        var z0 = (e0 * wa + e1 * wb + e2 * wc) * inverseArea;

        var depth = _inverseDepth.AsSpan();
        var pixels = image.Pixels.AsSpan();
        var span = maxX - minX;
        for (var y = minY; y <= maxY; y++, e0 += e0dy, e1 += e1dy, e2 += e2dy, z0 += zdy)
        {
            // The row's covered pixels: where all three edge functions are >= 0, solved per edge.
            int first = 0, last = span;
            if (!Clip(e0, e0dx, ref first, ref last) || !Clip(e1, e1dx, ref first, ref last) || !Clip(e2, e2dx, ref first, ref last))
                continue;
            var row = y * width + minX;
            var z = z0 + first * zdx;
            for (var k = first; k <= last; k++, z += zdx)
            {
                var i = row + k;
                if (z > depth[i])
                {
                    depth[i] = z;
                    var p = i * 3;
                    pixels[p] = r;
                    pixels[p + 1] = g;
                    pixels[p + 2] = bl;
                }
            }
        }
    }

    /// <summary>Narrows [first, last] to the k where value + slope * k >= 0; false when none is left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Clip(float value, float slope, ref int first, ref int last)
    {
        if (slope > 0)
            first = Math.Max(first, (int)MathF.Ceiling(-value / slope));
        else if (slope < 0)
            last = Math.Min(last, (int)MathF.Floor(value / -slope));
        else if (value < 0)
            return false;
        return first <= last;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Edge(float ax, float ay, float bx, float by, float px, float py) =>
        (bx - ax) * (py - ay) - (by - ay) * (px - ax);

    private static byte ToByte(float v) => (byte)Math.Clamp((int)(v * 255 + 0.5f), 0, 255);
}
