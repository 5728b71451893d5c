using VlaRosNode.Sim.Geometry;

namespace VlaRosNode.Sim.Scene;

/// <summary>The parallel gripper's state: opening between the fingers, the command, and what it holds.
/// The tool frame (TCP) sits between the fingertips with z along the approach direction and y along the
/// finger travel, as on the Franka hand.</summary>
public sealed class Gripper
{
    /// <summary>Fully open distance between the finger pads, m (Franka hand: 80 mm).</summary>
    public const float MaxWidth = 0.08f;

    /// <summary>Opening/closing speed of the distance between the pads, m/s.</summary>
    public const float Speed = 0.2f;

    /// <summary>Length of the finger pads along the approach axis, m (the part that can hold an object).</summary>
    public const float PadLength = 0.035f;

    public float Width { get; set; } = MaxWidth;

    /// <summary>The command: true = close, false = open.</summary>
    public bool Closing { get; set; }

    /// <summary>Id of the held object, or null.</summary>
    public int? HeldId { get; set; }

    /// <summary>The held object's pose in the TCP frame, fixed while it is held.</summary>
    public Pose HeldOffset { get; set; } = Pose.Identity;

    /// <summary>Width at which the fingers stopped on the held object.</summary>
    public float HeldWidth { get; set; }

    /// <summary>Normalised opening in [0, 1] (1 = fully open), e.g. for the finger joint state.</summary>
    public float Opening => Width / MaxWidth;

    public void Reset()
    {
        Width = MaxWidth;
        Closing = false;
        HeldId = null;
        HeldOffset = Pose.Identity;
        HeldWidth = 0;
    }
}
