using VlaRosNode.Bag;
using VlaRosNode.Kinematics.Robots;
using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Nodes.Replay;
using VlaRosNode.Nodes.Simulation;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Nodes.Tests.Replay;

/// <summary>Bags read as the policy's observations: a bag from an independent writer and simulator demonstrations.</summary>
public class BagObservationsTests
{
    private static BagObservationOptions PythonOptions => new()
    {
        CameraTopics = RobotBags.PythonCameras,
        InstructionTopic = RobotBags.PythonInstructionTopic,
        CommandTopic = RobotBags.PythonCommandTopic,
    };

    [TestCase("bgr8", "mono8")]
    [TestCase("rgb8", "rgba8")]
    [TestCase("bgra8", "rgb8")]
    public void Independent_bag_gives_one_step_per_frame_with_its_images_joints_and_command(string front, string wrist)
    {
        var (path, instruction, frames) = RobotBags.Python(6, front, wrist);
        using var bag = BagObservations.Open(path, PythonOptions);
        var steps = new List<(double[] Joints, byte[] Front, byte[] Wrist, string Instruction, float[]? Recorded, int History)>();
        foreach (var s in bag.Steps())
            steps.Add((s.Joints, s.Observation.Images[0].Pixels, s.Observation.Images[1].Pixels, s.Observation.Instruction, s.RecordedAction,
                s.Observation.Kinematics!.EndEffector.Count));

        Assert.That(steps, Has.Count.EqualTo(frames.Length));
        var arm = ShippedRobot.Panda().Arm;
        for (var i = 0; i < frames.Length; i++)
        {
            Assert.That(steps[i].Front, Is.EqualTo(frames[i].Front), $"front image of frame {i}");
            Assert.That(steps[i].Wrist, Is.EqualTo(frames[i].Wrist), $"wrist image of frame {i}");
            Assert.That(steps[i].Joints, Is.EqualTo(frames[i].Joints).Within(1e-12), "the joint state stamped with the frame, by name");
            Assert.That(steps[i].Instruction, Is.EqualTo(instruction));
            Assert.That(steps[i].History, Is.EqualTo(i + 1), "one tool pose per step");

            // The command sent after the frame, as the action that moves the tool from the frame's joints to its targets.
            var recorded = steps[i].Recorded!;
            var move = arm.ForwardKinematics(frames[i].Target).Position - arm.ForwardKinematics(frames[i].Joints).Position;
            Assert.That(new[] { recorded[0], recorded[1], recorded[2] }, Is.EqualTo(new[] { move.X / 0.02, move.Y / 0.02, move.Z / 0.02 }).Within(1e-4));
            Assert.That(recorded[6], Is.EqualTo(frames[i].Finger == 0 ? 1f : -1f), "a closed finger target is a closing gripper");
        }
        Assert.That(bag.Summary.Steps, Is.EqualTo(frames.Length));
        Assert.That(bag.Summary.StepsWithCommand, Is.EqualTo(frames.Length));
        Assert.That(bag.Summary.Episodes, Is.EqualTo(1));
        Assert.That(bag.Summary.Skipped, Is.Zero);
    }

    /// <summary>image_transport's compressed cameras (sensor_msgs/CompressedImage on TOPIC/compressed, as its compressed
    /// plugin records them) from the independent writer, encoded by Pillow: PNG gives Pillow's own decoding exactly,
    /// 4:2:0 JPEG within what two IDCTs and chroma upsamplers differ by (as in ImageDecoderTests.JpegMatchesPillow).</summary>
    [Test]
    public void Compressed_cameras_are_read_from_their_compressed_topics_as_Pillow_decodes_them()
    {
        var (path, _, frames) = RobotBags.Python(4, front: "jpeg", wrist: "png");
        using var bag = BagObservations.Open(path, PythonOptions);
        Assert.That(bag.CameraTopics, Is.EqualTo(new[] { "/front/image_raw/compressed", "/wrist/image_raw/compressed" }));
        var steps = bag.Steps().ToList();
        Assert.That(steps, Has.Count.EqualTo(frames.Length));
        for (var i = 0; i < frames.Length; i++)
        {
            Assert.That(steps[i].Observation.Images[1].Pixels, Is.EqualTo(frames[i].Wrist), $"PNG wrist image of frame {i}");
            var differences = steps[i].Observation.Images[0].Pixels.Zip(frames[i].Front!, (a, b) => Math.Abs(a - b)).ToArray();
            Assert.That(differences, Has.Length.EqualTo(8 * 6 * 3), $"JPEG front image of frame {i}: 8x6 RGB");
            TestContext.Out.WriteLine($"frame {i} JPEG vs Pillow: max {differences.Max()}, mean {differences.Average():F3}");
            Assert.That(differences.Max(), Is.LessThanOrEqualTo(12), $"JPEG front image of frame {i}");
            Assert.That(differences.Average(), Is.LessThanOrEqualTo(3.0), $"JPEG front image of frame {i}");
            Assert.That(steps[i].Joints, Is.EqualTo(frames[i].Joints).Within(1e-12));
            Assert.That(steps[i].RecordedAction, Is.Not.Null);
        }
    }

    [Test]
    public void One_camera_bag_gives_one_image_per_step_to_a_one_camera_model()
    {
        var (path, _, frames) = RobotBags.Python(3, front: "bgr8", wrist: "none");
        using var bag = BagObservations.Open(path, PythonOptions with { CameraTopics = ["/front/image_raw"], CameraNames = ["front"] });
        var images = bag.Steps().Select(s => s.Observation.Images).ToList();
        Assert.That(images.Select(i => i.Count), Is.EqualTo(new[] { 1, 1, 1 }));
        Assert.That(images.Select(i => i[0].Pixels), Is.EqualTo(frames.Select(f => f.Front)));
    }

    /// <summary>A model is never fed a blank or repeated image for a camera the bag lacks: the bag is refused up front,
    /// naming the topic and the model's camera it was for.</summary>
    [Test]
    public void Bag_without_a_camera_the_model_sees_is_refused_naming_the_camera()
    {
        var (path, _, _) = RobotBags.Python(2, front: "bgr8", wrist: "none");
        var e = Assert.Throws<ReplayException>(() => BagObservations.Open(path, PythonOptions with { CameraNames = ["front", "wrist"] }))!;
        Assert.That(e.Message, Does.Contain("no camera topic '/wrist/image_raw' (nor '/wrist/image_raw/compressed') for the model's camera 'wrist'")
            .And.Contain("/front/image_raw"));
    }

    [Test]
    public void Rate_stepping_takes_the_newest_observation_at_each_tick_of_the_stamps_clock()
    {
        var (path, _, frames) = RobotBags.Python(8);
        using var bag = BagObservations.Open(path, PythonOptions with { StepMode = "rate", RateHz = 5 });
        var steps = bag.Steps().Select(s => s.Joints).ToList();
        // Frames every 0.1 s, ticks every 0.2 s from the first stamp: every second frame, the one just before each tick.
        Assert.That(steps, Has.Count.EqualTo(frames.Length / 2 - 1).Or.Count.EqualTo(frames.Length / 2));
        for (var k = 0; k < steps.Count; k++)
            Assert.That(steps[k], Is.EqualTo(frames[2 * k + 1].Joints).Within(1e-12), $"tick {k}");
    }

    [Test]
    public void Instruction_flag_replaces_the_topic()
    {
        var (path, _, _) = RobotBags.Python(3);
        using var bag = BagObservations.Open(path, PythonOptions with { InstructionTopic = "/nowhere", Instruction = "wave" });
        Assert.That(bag.Steps().Select(s => s.Observation.Instruction), Is.All.EqualTo("wave"));
    }

    [TestCase("mcap")]
    [TestCase("sqlite3")]
    public void Simulator_demonstration_replays_step_by_step_with_the_expert_command_after_each(string storage)
    {
        var (path, summary) = RobotBags.Simulator(storage);
        using var bag = BagObservations.Open(path, new BagObservationOptions { CameraTopics = RobotBags.SimulatorCameras });
        var steps = bag.Steps().Select(s => (s.Joints, s.RecordedAction, s.Observation.Instruction, Width: s.Observation.Images[0].Width)).ToList();
        var episode = summary.Episodes.Single();
        Assert.That(steps, Has.Count.EqualTo(episode.Steps + 1), "every observation, the final state included");
        Assert.That(steps.Select(s => s.Instruction), Is.All.EqualTo(TaskCatalog.All[episode.TaskId].Instruction));
        Assert.That(steps[0].Width, Is.EqualTo(32));
        var arm = ShippedRobot.Panda().Arm;
        for (var t = 0; t + 1 < steps.Count; t++)
        {
            // The demonstration's command after step t is the arm's position at step t + 1.
            var move = arm.ForwardKinematics(steps[t + 1].Joints).Position - arm.ForwardKinematics(steps[t].Joints).Position;
            var recorded = steps[t].RecordedAction!;
            Assert.That(new double[] { recorded[0], recorded[1], recorded[2] }, Is.EqualTo(new[] { move.X / 0.02, move.Y / 0.02, move.Z / 0.02 }).Within(1e-3), $"step {t}");
        }
        Assert.That(steps[^1].RecordedAction, Is.Null, "nothing was commanded after the final state");
    }

    [Test]
    public void Missing_camera_topic_is_named_with_the_topics_the_bag_has()
    {
        var (path, _, _) = RobotBags.Python(2);
        var e = Assert.Throws<ReplayException>(() => BagObservations.Open(path, PythonOptions with { CameraTopics = ["/front/image_raw", "/side/image_raw"] }))!;
        Assert.That(e.Message, Does.Contain("'/side/image_raw'").And.Contain("/wrist/image_raw").And.Contain(Path.GetFileName(path)));
    }

    [Test]
    public void Camera_topic_of_another_type_is_refused()
    {
        var (path, _, _) = RobotBags.Python(2);
        var e = Assert.Throws<ReplayException>(() => BagObservations.Open(path, PythonOptions with { CameraTopics = ["/front/image_raw", "/joint_states"] }))!;
        Assert.That(e.Message, Does.Contain("'/joint_states' is sensor_msgs/msg/JointState").And.Contain("sensor_msgs/msg/Image"));
    }

    [Test]
    public void Bag_without_instruction_topic_asks_for_one()
    {
        var (path, _, _) = RobotBags.Python(2);
        var e = Assert.Throws<ReplayException>(() => BagObservations.Open(path, PythonOptions with { InstructionTopic = "/vla/instruction" }))!;
        Assert.That(e.Message, Does.Contain("no instruction").And.Contain("'/vla/instruction'"));
    }

    [Test]
    public void Unsupported_image_encoding_names_the_topic_and_the_encoding()
    {
        var (path, _, _) = RobotBags.Python(2, front: "yuv422");
        using var bag = BagObservations.Open(path, PythonOptions);
        var e = Assert.Throws<ReplayException>(() => bag.Steps().ToList())!;
        Assert.That(e.Message, Does.Contain("'/front/image_raw'").And.Contain("'yuv422'").And.Contain("log time"));
    }

    [Test]
    public void Joint_states_of_another_arm_give_no_step_and_say_why()
    {
        var (path, _, _) = RobotBags.Python(3);
        using var bag = BagObservations.Open(path, PythonOptions with { Arm = ShippedRobot.Ur5e().Arm });
        var e = Assert.Throws<ReplayException>(() => bag.Steps().ToList())!;
        Assert.That(e.Message, Does.Contain("no control step").And.Contain("missing joint"));
    }

    [Test]
    public void Mutated_messages_are_dropped_or_refused_with_a_replay_error_never_anything_else()
    {
        var (path, _, _) = RobotBags.Python(5);
        var random = Fuzz.Random(11);
        List<BagMessage> messages;
        IReadOnlyList<TopicMetadata> topics;
        using (var source = BagReader.Open(path))
        {
            topics = source.Topics;
            messages = source.ReadMessages().Select(m => m with { Data = m.Data.ToArray() }).ToList();
        }
        for (var round = 0; round < Fuzz.Cases(40); round++)
        {
            var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"mutated-{Guid.NewGuid():N}");
            using (var writer = BagWriter.Create(folder, new BagWriterOptions(SyncToDisk: false)))
            {
                foreach (var topic in topics)
                    writer.CreateTopic(topic);
                foreach (var message in messages)
                {
                    var data = message.Data.ToArray();
                    if (random.NextDouble() < 0.2)
                        Mutate(data, random);
                    writer.Write(message.Topic.Name, message.LogTime, data);
                }
            }
            using var bag = BagObservations.Open(folder, PythonOptions);
            try
            {
                var count = bag.Steps().Count();
                Assert.That(count, Is.EqualTo(bag.Summary.Steps));
            }
            catch (ReplayException e)
            {
                Assert.That(e.Message, Is.Not.Empty);
            }
        }
    }

    private static void Mutate(byte[] data, Random random)
    {
        switch (random.Next(3))
        {
            case 0:
                data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                data[random.Next(data.Length)] = (byte)random.Next(256);
                break;
            default: // a length or count field in the first bytes
                var at = 4 + random.Next(Math.Min(40, data.Length - 4));
                data[at] = 0xff;
                break;
        }
    }

    [Test]
    public void A_joint_state_with_the_wrong_type_is_refused_up_front()
    {
        var (path, _, _) = RobotBags.Python(2);
        var e = Assert.Throws<ReplayException>(() => BagObservations.Open(path, PythonOptions with { JointStatesTopic = "/task" }))!;
        Assert.That(e.Message, Does.Contain("joint states topic '/task' is std_msgs/msg/String").And.Contain(JointState.Info.RosName));
    }
}
