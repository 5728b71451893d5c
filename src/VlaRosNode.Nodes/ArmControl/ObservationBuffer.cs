using VlaRosNode.Kinematics.Chains;
using VlaRosNode.Policy.Images;
using VlaRosNode.Ros2;

namespace VlaRosNode.Nodes.ArmControl;

/// <summary>What <see cref="ObservationBuffer.TryAssemble"/> found.</summary>
public enum AssemblyState
{
    /// <summary>A synchronised observation is in <see cref="ObservationBuffer.Images"/> and <see cref="ObservationBuffer.Joints"/>.</summary>
    Ready,

    /// <summary>Not complete yet (a camera or the matching joint state has not arrived); nothing is wrong so far.</summary>
    Waiting,

    /// <summary>What arrived cannot be used (a bad joint state or image, stamps that do not line up).</summary>
    Fault,
}

/// <summary>
/// The newest input of each kind, and the assembly of a synchronised observation from it: one image per camera whose
/// stamps lie within the sync tolerance, and the joint state nearest to them (kept in a short ring, since joint
/// states come faster than images). Invalid inputs are remembered as faults until a valid one replaces them.
/// Used from the node's callback thread only.
/// </summary>
public sealed class ObservationBuffer
{
    private const int JointRing = 64;

    private readonly JointVariables _joints;
    private readonly RgbImage?[] _images;
    private readonly RosTime[] _imageStamps;
    private readonly string?[] _imageFaults;
    private readonly double[] _decodeMs;
    private readonly double[][] _jointRing;
    private readonly RosTime[] _jointStamps = new RosTime[JointRing];
    private readonly TimeSpan _tolerance;
    private int _jointCount;
    private int _jointNext;
    private string? _jointFault;
    private RosTime _lastAssembled = new(long.MinValue);

    public ObservationBuffer(int cameras, JointVariables joints, TimeSpan syncTolerance)
    {
        _joints = joints;
        _images = new RgbImage?[cameras];
        _imageStamps = new RosTime[cameras];
        _imageFaults = new string?[cameras];
        _decodeMs = new double[cameras];
        _jointRing = Enumerable.Range(0, JointRing).Select(_ => new double[joints.Count]).ToArray();
        Joints = new double[joints.Count];
        _tolerance = syncTolerance;
        Images = new RgbImage[cameras];
    }

    /// <summary>The assembled observation's images, in camera order (valid after <see cref="AssemblyState.Ready"/>).</summary>
    public RgbImage[] Images { get; }

    /// <summary>The assembled observation's joint positions, in chain order.</summary>
    public double[] Joints { get; }

    /// <summary>The oldest stamp of the assembled observation.</summary>
    public RosTime Stamp { get; private set; }

    /// <summary>Newest stamp of anything received (the watchdog measures silence from it).</summary>
    public RosTime NewestInput { get; private set; } = new(long.MinValue);

    /// <summary>The newest valid joint positions and their stamp, if any.</summary>
    public bool TryLatestJoints(out ReadOnlySpan<double> positions, out RosTime stamp)
    {
        if (_jointCount == 0 || _jointFault is not null)
        {
            positions = default;
            stamp = default;
            return false;
        }
        var newest = (_jointNext + JointRing - 1) % JointRing;
        positions = _jointRing[newest];
        stamp = _jointStamps[newest];
        return true;
    }

    /// <summary>Time spent decoding the assembled observation's images (ms).</summary>
    public double ImageDecodeMs { get; private set; }

    public void SetImage(int camera, RgbImage image, RosTime stamp, double decodeMs)
    {
        _images[camera] = image;
        _decodeMs[camera] = decodeMs;
        _imageStamps[camera] = stamp;
        _imageFaults[camera] = null;
        Touch(stamp);
    }

    /// <summary>Camera messages that failed to decode since the start (each dropped; the camera is faulted until a good one).</summary>
    public long DroppedImages { get; private set; }

    public void SetImageFault(int camera, string fault, RosTime stamp)
    {
        DroppedImages++;
        _imageFaults[camera] = fault;
        Touch(stamp);
    }

    /// <summary>Stores a joint state given by name; a missing chain joint or a non-finite position becomes a fault.</summary>
    public void SetJoints(IReadOnlyList<string> names, ReadOnlySpan<double> positions, RosTime stamp)
    {
        Touch(stamp);
        if (names.Count != positions.Length)
        {
            _jointFault = $"joint state has {names.Count} names but {positions.Length} positions";
            return;
        }
        var slot = _jointRing[_jointNext];
        for (var v = 0; v < _joints.Count; v++)
        {
            var index = IndexOf(names, _joints.Names[v]);
            if (index < 0)
            {
                _jointFault = $"joint state is missing joint '{_joints.Names[v]}'";
                return;
            }
            if (!double.IsFinite(positions[index]))
            {
                _jointFault = $"joint state has position {positions[index]} for '{_joints.Names[v]}'";
                return;
            }
            slot[v] = positions[index];
        }
        _jointStamps[_jointNext] = stamp;
        _jointNext = (_jointNext + 1) % JointRing;
        _jointCount = Math.Min(_jointCount + 1, JointRing);
        _jointFault = null;
    }

    /// <summary>
    /// Assembles the newest synchronised observation. With <paramref name="requireNew"/> the images must all be newer
    /// than those of the last assembled observation (per-image stepping). <paramref name="reason"/> says what is
    /// missing (Waiting) or wrong (Fault).
    /// </summary>
    public AssemblyState TryAssemble(bool requireNew, out string reason)
    {
        for (var c = 0; c < _images.Length; c++)
        {
            if (_imageFaults[c] is { } imageFault)
                return Fail(out reason, imageFault);
            if (_images[c] is null)
                return Wait(out reason, $"no image yet from camera {c}");
            if (requireNew && _imageStamps[c] <= _lastAssembled)
                return Wait(out reason, $"no new image from camera {c}");
        }
        if (_jointFault is not null)
            return Fail(out reason, _jointFault);
        if (_jointCount == 0)
            return Wait(out reason, "no joint state yet");

        RosTime oldest = _imageStamps[0], newest = _imageStamps[0];
        foreach (var stamp in _imageStamps)
            (oldest, newest) = (stamp < oldest ? stamp : oldest, stamp > newest ? stamp : newest);
        if (newest - oldest > _tolerance)
        {
            // A camera behind the others may still deliver the matching frame; one ahead means the set never lines up.
            return requireNew
                ? Wait(out reason, $"camera stamps spread {(newest - oldest).TotalSeconds:F3} s")
                : Fail(out reason, $"camera stamps spread {(newest - oldest).TotalSeconds:F3} s, more than sync_tolerance");
        }

        var nearest = NearestJointState(oldest, out var newestJoint);
        var gap = nearest < 0 ? TimeSpan.MaxValue : Abs(_jointStamps[nearest] - oldest);
        if (gap > _tolerance)
        {
            if (newestJoint < oldest)
                return Wait(out reason, "no joint state near the image stamps yet");
            return Fail(out reason, $"no joint state within sync_tolerance of the images (nearest {gap.TotalSeconds:F3} s away)");
        }

        Array.Copy(_images, Images, Images.Length);
        ImageDecodeMs = _decodeMs.Sum();
        _jointRing[nearest].CopyTo(Joints, 0);
        Stamp = _jointStamps[nearest] < oldest ? _jointStamps[nearest] : oldest;
        _lastAssembled = newest;
        reason = "";
        return AssemblyState.Ready;
    }

    private int NearestJointState(RosTime reference, out RosTime newest)
    {
        var best = -1;
        var bestGap = TimeSpan.MaxValue;
        newest = new RosTime(long.MinValue);
        for (var k = 0; k < _jointCount; k++)
        {
            var gap = Abs(_jointStamps[k] - reference);
            if (gap < bestGap)
                (best, bestGap) = (k, gap);
            if (_jointStamps[k] > newest)
                newest = _jointStamps[k];
        }
        return best;
    }

    private void Touch(RosTime stamp)
    {
        if (stamp > NewestInput)
            NewestInput = stamp;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (names[i] == name)
                return i;
        return -1;
    }

    private static TimeSpan Abs(TimeSpan t) => t < TimeSpan.Zero ? -t : t;

    private static AssemblyState Wait(out string reason, string why)
    {
        reason = why;
        return AssemblyState.Waiting;
    }

    private static AssemblyState Fail(out string reason, string why)
    {
        reason = why;
        return AssemblyState.Fault;
    }
}
