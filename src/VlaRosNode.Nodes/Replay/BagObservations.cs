using VlaRosNode.Bag;
using VlaRosNode.Kinematics.Features;
using VlaRosNode.Messages;
using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Messages.TrajectoryMsgs;
using VlaRosNode.Nodes.ArmControl;
using VlaRosNode.Nodes.ArmControl.Images;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Images;
using VlaRosNode.Ros2;
using Header = VlaRosNode.Messages.StdMsgs.Header;
using StdString = VlaRosNode.Messages.StdMsgs.String;

namespace VlaRosNode.Nodes.Replay;

/// <summary>
/// A rosbag2 bag (MCAP or sqlite3) as the policy's observations in time order, assembled exactly as the policy node
/// assembles them (<see cref="ObservationBuffer"/>, the node's image decoders): per new synchronised set of images, or
/// at a fixed rate of the stamps' clock on the newest set. Each step carries the tool pose history (forward kinematics
/// of the assembled joints, one pose per step) and the command recorded after it. Used by <c>vla eval replay</c> and
/// <c>vla datastore build --bag</c>.
/// </summary>
public sealed class BagObservations : IDisposable
{
    private readonly BagReader _bag;
    private readonly BagObservationOptions _options;
    private readonly CameraInput[] _cameras;
    private readonly string? _commandTopic;
    private readonly ObservationBuffer _buffer;
    private readonly RecordedAction _recorded;
    private readonly PoseHistory _history;
    private readonly KinematicState _kinematics;
    private string _instruction;
    private bool _newEpisode = true;
    private int _episode = -1;

    private BagObservations(BagReader bag, BagObservationOptions options)
    {
        _bag = bag;
        _options = options;
        var topics = bag.Topics.ToDictionary(t => t.Name, t => t.Type);
        _cameras = options.CameraTopics.Select((t, i) => CameraInput.Resolve(topics, t, options.CameraNames.ElementAtOrDefault(i), Name)).ToArray();
        Require(topics, options.JointStatesTopic, JointState.Info.RosName, "joint states");
        if (options.Instruction.Length == 0)
            Require(topics, options.InstructionTopic, StdString.Info.RosName, "instruction (or give the instruction instead)");
        if (options.CommandTopic.Length > 0 && topics.ContainsKey(options.CommandTopic))
            _commandTopic = Require(topics, options.CommandTopic, JointTrajectory.Info.RosName, "recorded command");
        _instruction = options.Instruction;
        _buffer = new ObservationBuffer(_cameras.Length, options.Arm.Variables, options.SyncTolerance);
        _recorded = new RecordedAction(options.Arm, options.Mapping, options.GripperJoints, options.GripperOpenPosition, options.GripperClosedPosition);
        _history = new PoseHistory(options.HistoryLength);
        _kinematics = new KinematicState(_history);
    }

    /// <exception cref="BagFormatException">The bag itself is malformed.</exception>
    /// <exception cref="ReplayException">A topic the options name is missing or has another type.</exception>
    public static BagObservations Open(string path, BagObservationOptions options)
    {
        options.Validate();
        var bag = BagReader.Open(path);
        try
        {
            return new BagObservations(bag, options);
        }
        catch
        {
            bag.Dispose();
            throw;
        }
    }

    public string Name => Path.GetFileName(Path.TrimEndingDirectorySeparator(_bag.Path));

    /// <summary>The camera topics read, in camera order (a <c>/compressed</c> one where the bag has only that).</summary>
    public IReadOnlyList<string> CameraTopics => _cameras.Select(c => c.Topic).ToArray();

    /// <summary>Whether the bag has the command topic (steps then carry recorded actions).</summary>
    public bool HasCommands => _commandTopic is not null;

    /// <summary>Filled while <see cref="Steps"/> is enumerated; complete once it ends.</summary>
    public ReplayReadSummary Summary { get; } = new();

    /// <summary>The control steps in time order. A step is handed out once the next one is assembled (or the bag
    /// ends), so the command that followed it is attached.</summary>
    /// <exception cref="ReplayException">An image that cannot be decoded, or a bag in which no step could be taken.</exception>
    public IEnumerable<ReplayStep> Steps()
    {
        var topics = _cameras.Select(c => c.Topic).Append(_options.JointStatesTopic).ToList();
        if (_options.Instruction.Length == 0)
            topics.Add(_options.InstructionTopic);
        if (_commandTopic is not null)
            topics.Add(_commandTopic);
        var rate = _options.StepMode == "rate";
        var period = TimeSpan.FromSeconds(1 / _options.RateHz);
        RosTime? nextTick = null;
        ReplayStep? pending = null, taken;
        foreach (var message in _bag.ReadMessages(new MessageFilter(topics)))
        {
            var stamp = Read(message, out var apply);
            if (rate && stamp is { } now)
            {
                nextTick ??= now + period;
                for (; now >= nextTick.Value; nextTick = nextTick.Value + period)
                    if ((taken = TryStep(requireNew: false, nextTick.Value)) is not null)
                    {
                        if (pending is not null)
                            yield return Emit(pending);
                        pending = taken;
                    }
            }
            apply();
            if (message.Topic.Name == _commandTopic && pending is not null && pending.RecordedAction is null)
                AttachCommand(pending, message);
            if (!rate && stamp is not null && (taken = TryStep(requireNew: true, stamp.Value)) is not null)
            {
                if (pending is not null)
                    yield return Emit(pending);
                pending = taken;
            }
        }
        if (pending is not null)
            yield return Emit(pending);
        if (Summary.Steps == 0)
            throw new ReplayException($"{Name}: no control step could be taken from cameras [{string.Join(", ", _cameras.Select(c => c.Topic))}] and " +
                $"'{_options.JointStatesTopic}': {Summary.FirstSkipReason ?? "their messages never made a synchronised observation (stamps further apart than the sync tolerance, or a topic without messages)"}");
    }

    /// <summary>Decodes <paramref name="message"/>; returns its stamp when it is a camera or joint-state input, and
    /// in <paramref name="apply"/> what it changes. A malformed message is dropped and counted.</summary>
    private RosTime? Read(BagMessage message, out Action apply)
    {
        var topic = message.Topic.Name;
        apply = () => { };
        try
        {
            for (var c = 0; c < _cameras.Length; c++)
                if (_cameras[c].Topic == topic)
                {
                    var (header, decode) = _cameras[c].Read(message);
                    var stamp = StampOf(header, message.LogTime);
                    var camera = c;
                    apply = () => _buffer.SetImage(camera, Decode(decode, message), stamp, 0);
                    return stamp;
                }
            if (topic == _options.JointStatesTopic)
            {
                var joints = message.Deserialize<JointState>();
                var stamp = StampOf(joints.Header, message.LogTime);
                apply = () => _buffer.SetJoints(joints.Name, joints.Position, stamp);
                return stamp;
            }
            if (topic == _options.InstructionTopic && _options.Instruction.Length == 0)
            {
                var text = message.Deserialize<StdString>().Data;
                apply = () => SetInstruction(text);
            }
        }
        catch (CdrException e)
        {
            Summary.Malformed++;
            Summary.FirstMalformed ??= $"'{topic}' at log time {new RosTime(message.LogTime)}: {e.Message}";
        }
        return null;
    }

    private RgbImage Decode(Func<RgbImage> decode, BagMessage message)
    {
        try
        {
            return decode();
        }
        catch (ImageDecodeException e)
        {
            throw new ReplayException($"{Name}: {e.Message} (log time {new RosTime(message.LogTime)})", e);
        }
    }

    private void SetInstruction(string text)
    {
        if (text == _instruction)
            return;
        _newEpisode |= _instruction.Length > 0;
        _instruction = text;
    }

    private ReplayStep? TryStep(bool requireNew, RosTime now)
    {
        var state = _buffer.TryAssemble(requireNew, out var reason);
        if (state == AssemblyState.Waiting)
            return null;
        if (state == AssemblyState.Fault)
            return Skip(reason);
        if (now - _buffer.Stamp > _options.ObservationTimeout)
            return Skip($"observation is {(now - _buffer.Stamp).TotalSeconds:F3} s old at the tick (observation timeout {_options.ObservationTimeout.TotalSeconds} s)");
        if (_instruction.Length == 0)
            return Skip($"no instruction yet on '{_options.InstructionTopic}'");
        var images = _buffer.Images.Select(i => new RgbImage(i.Width, i.Height, (byte[])i.Pixels.Clone())).ToArray();
        var start = _newEpisode;
        _newEpisode = false;
        _episode += start ? 1 : 0;
        return new ReplayStep(0, _episode, start, _buffer.Stamp,
            new Observation(images, _instruction) { Kinematics = _kinematics }, (double[])_buffer.Joints.Clone());
    }

    private ReplayStep? Skip(string reason)
    {
        Summary.Skip(reason);
        return null;
    }

    private void AttachCommand(ReplayStep step, BagMessage message)
    {
        string problem;
        try
        {
            step.RecordedAction = _recorded.From(message.Deserialize<JointTrajectory>(), step.Joints, out problem);
        }
        catch (CdrException e)
        {
            problem = e.Message;
        }
        if (step.RecordedAction is not null)
            return;
        Summary.UnusableCommands++;
        Summary.FirstUnusableCommand ??= $"'{message.Topic.Name}' at log time {new RosTime(message.LogTime)} {problem}";
    }

    /// <summary>Hands a step out: its tool pose joins the history (after the previous step's use of it).</summary>
    private ReplayStep Emit(ReplayStep step)
    {
        if (step.EpisodeStart)
        {
            _history.Clear();
            Summary.Episodes++;
        }
        _history.Add(step.Stamp.TotalSeconds, _options.Arm.ForwardKinematics(step.Joints));
        Summary.StepsWithCommand += step.RecordedAction is null ? 0 : 1;
        return step with { Index = Summary.Steps++ };
    }

    /// <summary>The header stamp, or the log time for publishers that leave it zero (as the node uses its clock).</summary>
    private static RosTime StampOf(Header header, long logTime) =>
        header.Stamp.Sec == 0 && header.Stamp.Nanosec == 0 ? new RosTime(logTime) : RosTime.FromParts(header.Stamp.Sec, header.Stamp.Nanosec);

    private string Require(Dictionary<string, string> topics, string topic, string type, string what)
    {
        if (!topics.TryGetValue(topic, out var actual))
            throw new ReplayException($"{Name}: no {what} topic '{topic}' in the bag (its topics: {string.Join(", ", topics.Keys.Order())})");
        if (actual != type)
            throw new ReplayException($"{Name}: {what} topic '{topic}' is {actual}, expected {type}");
        return topic;
    }

    public void Dispose() => _bag.Dispose();

    /// <summary>One camera's topic and how its messages become RGB images (the node's decoders).</summary>
    private sealed class CameraInput(string topic, Func<BagMessage, (Header, Func<RgbImage>)> read)
    {
        public string Topic { get; } = topic;

        public (Header Header, Func<RgbImage> Decode) Read(BagMessage message) => read(message);

        /// <summary>The topic as named, or image_transport's <c>TOPIC/compressed</c> when only that is in the bag.
        /// A missing one is an error, never a blank or repeated image: a model fed fewer cameras than it sees would be
        /// judged on inputs the robot never gives it.</summary>
        public static CameraInput Resolve(Dictionary<string, string> topics, string topic, string? camera, string bag)
        {
            var compressed = topic.TrimEnd('/') + "/compressed";
            var name = topics.ContainsKey(topic) ? topic : topics.ContainsKey(compressed) ? compressed : null;
            if (name is null)
                throw new ReplayException($"{bag}: no camera topic '{topic}' (nor '{compressed}'){(camera is null ? "" : $" for the model's camera '{camera}'")} " +
                    $"in the bag (its topics: {string.Join(", ", topics.Keys.Order())})");
            if (topics[name] == Image.Info.RosName)
            {
                var decoder = new RawImageDecoder();
                return new CameraInput(name, m =>
                {
                    var image = m.Deserialize<Image>();
                    return (image.Header, () => decoder.Decode(image, name));
                });
            }
            if (topics[name] == CompressedImage.Info.RosName)
            {
                var decoder = new CompressedImageDecoder();
                return new CameraInput(name, m =>
                {
                    var image = m.Deserialize<CompressedImage>();
                    return (image.Header, () => decoder.Decode(image, name));
                });
            }
            throw new ReplayException($"{bag}: camera topic '{name}' is {topics[name]}, expected {Image.Info.RosName} or {CompressedImage.Info.RosName}");
        }
    }
}
