using VlaRosNode.Kinematics.Geometry;

namespace VlaRosNode.Kinematics.Features;

/// <summary>
/// The most recent end-effector poses with their stamps, oldest dropped first: the sliding window every
/// kinematic feature reads. Fixed capacity, no allocation per sample.
/// </summary>
public sealed class PoseHistory
{
    private readonly Pose3d[] poses;
    private readonly double[] times;
    private int next;

    public PoseHistory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        poses = new Pose3d[capacity];
        times = new double[capacity];
    }

    public int Capacity => poses.Length;
    public int Count { get; private set; }

    /// <summary>
    /// Appends a pose stamped in seconds. A stamp that is not finite or not after the previous one (a repeated
    /// or reordered joint state) is dropped and false returned, so the window's time steps stay positive.
    /// </summary>
    public bool Add(double timeSeconds, Pose3d pose)
    {
        if (!double.IsFinite(timeSeconds) || (Count > 0 && !(timeSeconds > Time(Count - 1))))
            return false;
        poses[next] = pose;
        times[next] = timeSeconds;
        next = (next + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
        return true;
    }

    public void Clear()
    {
        Count = 0;
        next = 0;
    }

    /// <summary>The last <paramref name="length"/> samples, oldest first.</summary>
    public PoseWindow Latest(int length)
    {
        if (length < 1 || length > Count)
            throw new ArgumentOutOfRangeException(nameof(length), $"window {length} needs that many samples; the history holds {Count}");
        return new PoseWindow(this, Count - length, length);
    }

    internal Pose3d Pose(int index) => poses[Slot(index)];

    internal double Time(int index) => times[Slot(index)];

    private int Slot(int index) => (next - Count + index + Capacity) % Capacity; // index 0 = oldest held
}

/// <summary>A chronological view of consecutive samples in a <see cref="PoseHistory"/>.</summary>
public readonly struct PoseWindow
{
    private readonly PoseHistory history;
    private readonly int offset;

    internal PoseWindow(PoseHistory history, int offset, int length)
    {
        this.history = history;
        this.offset = offset;
        Length = length;
    }

    public int Length { get; }
    public Pose3d Pose(int i) => history.Pose(offset + i);
    public Vector3d Position(int i) => history.Pose(offset + i).Position;
    public double Time(int i) => history.Time(offset + i);
}
