using System.Text.Json;
using VlaRosNode.Bag;
using VlaRosNode.Nodes.Simulation;
using VlaRosNode.Nodes.Tests.Support;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Dataset;
using VlaRosNode.Sim.Tasks;
using VlaRosNode.Sim.Tests;

namespace VlaRosNode.Nodes.Tests.Replay;

/// <summary>What the independent Python writer says it put in its bag, frame by frame (RGB; null for a camera left out).</summary>
internal sealed record PythonFrame(byte[]? Front, byte[]? Wrist, double[] Joints, double[] Target, double Finger);

/// <summary>Bags to replay: one written by an independent writer (tests/bag-crosscheck/robot_bag.py, Python's sqlite3 and
/// hand-written CDR) and simulator demonstrations written by <see cref="DemoBagWriter"/>.</summary>
internal static class RobotBags
{
    public static readonly string[] PythonCameras = ["/front/image_raw", "/wrist/image_raw"];
    public const string PythonInstructionTopic = "/task", PythonCommandTopic = "/arm/command";

    /// <summary>Writes <paramref name="frames"/> frames with the two cameras' encodings (an Image encoding, jpeg or png
    /// for a CompressedImage on TOPIC/compressed, none for no such camera); returns the bag path and the frames.</summary>
    public static (string Path, string Instruction, PythonFrame[] Frames) Python(int frames, string front = "bgr8", string wrist = "mono8")
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"python-robot-{Guid.NewGuid():N}.db3");
        var script = Path.Combine(TestPaths.RepoRoot, "tests", "bag-crosscheck", "robot_bag.py");
        var json = PythonReference.Run(
            "import os, runpy, sys; sys.argv = sys.argv[1:]; sys.path.insert(0, os.path.dirname(sys.argv[0])); runpy.run_path(sys.argv[0], run_name='__main__')",
            script, path, frames.ToString(), front, wrist);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var parsed = root.GetProperty("frames").EnumerateArray().Select(f => new PythonFrame(
            Pixels(f.GetProperty("front")), Pixels(f.GetProperty("wrist")),
            f.GetProperty("joints").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
            f.GetProperty("target").EnumerateArray().Select(v => v.GetDouble()).ToArray(), f.GetProperty("finger").GetDouble())).ToArray();
        return (path, root.GetProperty("instruction").GetString()!, parsed);
    }

    private static byte[]? Pixels(JsonElement base64) => base64.ValueKind == JsonValueKind.Null ? null : Convert.FromBase64String(base64.GetString()!);

    /// <summary>One expert demonstration of the object suite as the simulator records it (32x32 cameras).</summary>
    public static (string Path, DemoSummary Summary) Simulator(string storage = "mcap", int seed = 5)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"replay-demos-{Guid.NewGuid():N}");
        var options = new DemoOptions(TaskSuite.Object, 1, seed, directory) { Sim = new SimOptions { ImageWidth = 32, ImageHeight = 32 } };
        var summary = DemoDatasetWriter.Write(options);
        var bags = DemoBagWriter.Write(options, summary, new BagWriterOptions(storage, SyncToDisk: false, MessagesPerTransaction: 500));
        return (bags.Single(), summary);
    }

    public static readonly string[] SimulatorCameras = [SimTopics.AgentImage, SimTopics.WristImage];
}
