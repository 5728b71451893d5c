using VlaRosNode.Kinematics.Features;
using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Policy.Images;

namespace VlaRosNode.Policy.Tests;

/// <summary>The motion a test observation carries: none, too short for HeiSD's window, fast and straight,
/// or slow and curved.</summary>
public enum Motion { None, Short, FastStraight, SlowCurved }

/// <summary>
/// Deterministic observations for decoding tests: the fixture's recorded camera images with seeded pixel noise
/// (so every observation decodes differently), instructions from the fixture tokenizer's words, and end-effector
/// histories of a chosen <see cref="Motion"/>.
/// </summary>
internal static class RecordedObservations
{
    public static readonly string[] Instructions = ["pick up the red cube", "put the blue cylinder in the bowl", "open the drawer"];

    public static Observation Make(int seed, Motion motion)
    {
        var rng = new Random(seed);
        var images = Fixture.Expected.Images.Select(image =>
        {
            var pixels = (byte[])image.Pixels.Clone();
            for (var i = 0; i < pixels.Length; i++)
                pixels[i] = (byte)Math.Clamp(pixels[i] + rng.Next(-60, 61), 0, 255);
            return new RgbImage(image.Width, image.Height, pixels);
        }).ToArray();
        return new Observation(images, Instructions[seed % Instructions.Length]) { Kinematics = Kinematics(motion) };
    }

    public static KinematicState? Kinematics(Motion motion)
    {
        if (motion == Motion.None)
            return null;
        var history = new PoseHistory(32);
        var samples = motion == Motion.Short ? 3 : 20;
        for (var i = 0; i < samples; i++)
        {
            var position = motion == Motion.SlowCurved
                ? new Vector3d(0.002 * Math.Cos(0.1 * i), 0.002 * Math.Sin(0.1 * i), 0.3) // 2 mm radius, 0.2 mm per step
                : new Vector3d(0.03 * i, 0.01 * i, 0.3);                                  // 3 cm per step, a line
            history.Add(0.1 * i, Pose3d.Translation(position));
        }
        return new KinematicState(history);
    }
}
