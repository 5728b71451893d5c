using System.Diagnostics;
using Microsoft.Extensions.Logging;
using VlaRosNode.Kinematics.Chains;
using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Messages.DiagnosticMsgs;
using VlaRosNode.Messages.GeometryMsgs;
using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Messages.TrajectoryMsgs;
using VlaRosNode.Messages.VlaRosNode;
using VlaRosNode.Nodes.ArmControl.Images;
using VlaRosNode.Nodes.ArmControl.Status;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Dyq;
using VlaRosNode.Policy.TokenCache;
using VlaRosNode.Policy.Images;
using VlaRosNode.Policy.Package;
using VlaRosNode.Policy.Runtime;
using VlaRosNode.Ros2;
using StdString = VlaRosNode.Messages.StdMsgs.String;

namespace VlaRosNode.Nodes.ArmControl;

/// <summary>
/// The VLA policy as a ROS 2 node: camera images, /joint_states and the instruction in; JointTrajectory (and
/// optionally TwistStamped) out; PolicyStatus and /diagnostics after every step. All the logic is in
/// <see cref="PolicyController"/>; this class only declares parameters and moves messages. The model is loaded
/// before any publisher exists, so a model that fails to load stops the node before it can command anything.
/// </summary>
public sealed class PolicyNode : IDisposable
{
    public const string DefaultName = "vla_policy";

    private readonly Node _node;
    private readonly VlaPolicy _policy;
    private readonly PolicyController _controller;
    private readonly PolicyNodeSettings _settings;
    private readonly Publisher<JointTrajectory> _trajectory;
    private readonly Publisher<JointTrajectory>? _gripper;
    private readonly Publisher<TwistStamped>? _twist;
    private readonly Publisher<PolicyStatus> _status;
    private readonly Publisher<DiagnosticArray> _diagnostics;
    private readonly StatusMessages _statusMessages;

    private PolicyNode(Node node, PolicyNodeSettings settings, VlaPolicy policy, KinematicChain arm)
    {
        _node = node;
        _settings = settings;
        _policy = policy;
        var s = settings;
        _controller = new PolicyController(policy, arm, MappingOptions(s), new ControlOptions
        {
            ObservationTimeout = TimeSpan.FromSeconds(s.ObservationTimeout),
            SyncTolerance = TimeSpan.FromSeconds(s.SyncTolerance),
            GripperJoints = s.CommandGripper ? s.GripperJoints : [],
            SeparateGripperTopic = s.GripperTopic.Length > 0,
            GripperOpenPosition = s.GripperOpenPosition,
            GripperClosedPosition = s.GripperClosedPosition,
            BaseFrame = arm.BaseLink,
        }, () => node.Clock.Now, node.Logger)
        {
            Instruction = s.Instruction,
        };

        _trajectory = node.CreatePublisher<JointTrajectory>(s.TrajectoryTopic);
        _gripper = s.GripperTopic.Length > 0 && s.CommandGripper ? node.CreatePublisher<JointTrajectory>(s.GripperTopic) : null;
        _twist = s.TwistTopic.Length > 0 ? node.CreatePublisher<TwistStamped>(s.TwistTopic) : null;
        _status = node.CreatePublisher<PolicyStatus>(s.StatusTopic);
        _diagnostics = node.CreatePublisher<DiagnosticArray>("/diagnostics");
        _statusMessages = new StatusMessages(node.FullyQualifiedName);

        var imageQos = QosProfile.Parse(s.ImageQos);
        for (var c = 0; c < s.CameraTopics.Length; c++)
            SubscribeCamera(c, s.CameraTopics[c], imageQos);
        node.CreateSubscription<JointState>(s.JointStatesTopic, OnJointState, QosProfile.SensorData.WithDepth(50));
        node.CreateSubscription<StdString>(s.InstructionTopic, m => _controller.Instruction = m.Data);
        node.Parameters.Changed += (name, value) => { if (name == "instruction") _controller.Instruction = (string)value.Value; };
        node.CreateTimer(TimeSpan.FromSeconds(1 / s.RateHz), () => StepAndPublish(requireNew: s.StepMode == "per_image"));
        node.Logger.LogInformation("VLA policy '{Model}' ({Cameras} camera(s), {Mode}) commanding {Joints} on '{Topic}', stepping {StepMode}",
            policy.Package.Manifest.Name, s.CameraTopics.Length, policy.Strategy.Name, string.Join(", ", arm.Variables.Names), _trajectory.Topic, s.StepMode);
    }

    public Node Node => _node;

    public PolicyController Controller => _controller;

    /// <summary>
    /// Creates the node on <paramref name="context"/>: declares the parameters, loads the arm model and the policy,
    /// then creates publishers and subscriptions. Throws (and leaves nothing behind) when anything fails to load.
    /// </summary>
    public static PolicyNode Create(RosContext context, string name = DefaultName)
    {
        var node = context.CreateNode(name);
        VlaPolicy? policy = null;
        try
        {
            var settings = PolicyNodeSettings.Declare(node);
            var dyq = settings.Dyq;
            var arm = ArmModelLoader.Load(settings);
            if (settings.ModelPackage.Length == 0)
                throw new ArgumentException("parameter model_package is not set (a model package folder)");
            var decoding = settings.Decoding;
            var datastore = decoding.LoadDatastore();
            var package = ModelPackage.Load(settings.ModelPackage);
            if (decoding.NeedsDrafter && package.Manifest.Drafter is null)
                throw new ArgumentException($"parameter decoding_mode is '{decoding.Mode}', which drafts with the model's drafter, but model package " +
                    $"'{settings.ModelPackage}' has none (its manifest has no drafter): use ar or retrieval, or a package with a drafter");
            var strategy = decoding.CreateStrategy(datastore);
            policy = new VlaPolicy(package, LoadedModel.Open(package, new EngineOptions
            {
                Precision = dyq?.FullPrecision ?? settings.Precision,
                SwitchablePrecisions = dyq?.Precisions ?? [],
                Device = settings.Device == "cuda" ? ExecutionDevice.Cuda : ExecutionDevice.Cpu,
                IntraOpThreads = settings.IntraOpThreads,
                LoadDrafter = decoding.NeedsDrafter,
            }), strategy);
            if (datastore is not null)
                DecodingSettings.CheckDatastoreFits(datastore, settings.Decoding.DatastoreFile, policy);
            if (settings.UnnormKey.Length > 0)
                policy.UnnormKey = settings.UnnormKey;
            policy.Dyq = dyq is null ? null : new DyqController(dyq);
            policy.TokenCache = settings.TokenCache is { } tokenCache ? new VisualTokenCache(tokenCache, policy) : null;
            CameraTopicCheck.RequireOnePerCamera(settings.CameraTopics, policy.Package.Manifest.Image.Cameras, "parameter camera_topics names");
            WarmUp(node, policy, settings);
            return new PolicyNode(node, settings, policy, arm);
        }
        catch
        {
            policy?.Dispose();
            node.Dispose();
            throw;
        }
    }

    /// <summary>Before any subscription exists, so that no real observation waits for (or goes stale during) ONNX
    /// Runtime's first runs.</summary>
    private static void WarmUp(Node node, VlaPolicy policy, PolicyNodeSettings settings)
    {
        foreach (var t in policy.WarmUp(settings.WarmupSteps, settings.Instruction))
            node.Logger.LogInformation("warm-up at {Precision}: first step {First:F1} ms, last of {Steps} {Last:F1} ms",
                t.Precision, t.FirstMs, settings.WarmupSteps, t.LastMs);
    }

    private static ActionMapperOptions MappingOptions(PolicyNodeSettings s) => new()
    {
        PositionScale = s.PositionScale,
        RotationScale = s.RotationScale,
        ActionClip = s.ActionClip,
        WorkspaceMin = new Vector3d(s.WorkspaceMin[0], s.WorkspaceMin[1], s.WorkspaceMin[2]),
        WorkspaceMax = new Vector3d(s.WorkspaceMax[0], s.WorkspaceMax[1], s.WorkspaceMax[2]),
        IkMaxIterations = s.IkMaxIterations,
        IkMaxPositionError = s.IkMaxPositionError,
        IkMaxOrientationError = s.IkMaxOrientationError,
        VelocityScale = s.VelocityScale,
        Horizon = s.CommandHorizon,
    };

    private void SubscribeCamera(int camera, string topic, QosProfile qos)
    {
        if (_settings.ImageTransport == "compressed")
        {
            var compressedTopic = topic.TrimEnd('/') + "/compressed";
            var compressed = new CompressedImageDecoder();
            Func<CompressedImage, RgbImage> decodeCompressed = m => compressed.Decode(m, compressedTopic);
            _node.CreateSubscription<CompressedImage>(compressedTopic, m => OnImage(camera, m.Header, decodeCompressed, m), qos, MessageLifetime.Callback);
            return;
        }
        var decoder = new RawImageDecoder();
        Func<Image, RgbImage> decode = m => decoder.Decode(m, topic);
        // OnImage decodes the frame before it returns, so one Image object serves every frame (no 0.9 MB array per frame).
        _node.CreateSubscription<Image>(topic, m => OnImage(camera, m.Header, decode, m), qos, MessageLifetime.Callback);
    }

    /// <summary>The decoder is made once per camera, so a frame allocates no delegate.</summary>
    private void OnImage<TMessage>(int camera, Messages.StdMsgs.Header header, Func<TMessage, RgbImage> decode, TMessage message)
    {
        var stamp = StampOf(header);
        var start = Stopwatch.GetTimestamp();
        try
        {
            var image = decode(message);
            _controller.Observations.SetImage(camera, image, stamp, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        catch (ImageDecodeException e)
        {
            _controller.Observations.SetImageFault(camera, e.Message, stamp);
        }
        if (_settings.StepMode == "per_image")
            StepAndPublish(requireNew: true);
    }

    private void OnJointState(JointState message)
    {
        _controller.Observations.SetJoints(message.Name, message.Position, StampOf(message.Header));
        if (_settings.StepMode == "per_image")
            StepAndPublish(requireNew: true);
    }

    /// <summary>The header stamp, or the node's clock for publishers that leave it zero.</summary>
    private RosTime StampOf(Messages.StdMsgs.Header header) =>
        header.Stamp.Sec == 0 && header.Stamp.Nanosec == 0 ? _node.Clock.Now : RosTime.FromParts(header.Stamp.Sec, header.Stamp.Nanosec);

    private void StepAndPublish(bool requireNew)
    {
        var outcome = _controller.Step(requireNew);
        if (outcome == StepOutcome.Idle)
            return;
        if (outcome is StepOutcome.Commanded or StepOutcome.Held)
        {
            _trajectory.Publish(_controller.Commands.Arm);
            if (_gripper is not null && _controller.Commands.Gripper is { } gripper)
                _gripper.Publish(gripper);
        }
        var now = _node.Clock.Now;
        if (outcome == StepOutcome.Commanded && _twist is not null)
            _twist.Publish(_controller.Commands.Twist(_controller.Twist, now));
        _status.Publish(_statusMessages.ToStatus(_controller.Report, now));
        _diagnostics.Publish(_statusMessages.ToDiagnostics(_controller.Report, now));
    }

    public void Dispose()
    {
        _node.Dispose();
        _policy.Dispose();
    }

}
