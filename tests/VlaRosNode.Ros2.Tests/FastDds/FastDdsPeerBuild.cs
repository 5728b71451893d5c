using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Ros2.Tests.FastDds;

/// <summary>Builds the Fast DDS peer (FastDds/peer.cpp): IDL from our IdlWriter, C++ types from fastddsgen, then
/// CMake against Debian's libfastrtps-dev. Rebuilt only when the IDL or the sources change.</summary>
internal static class FastDdsPeerBuild
{
    public static readonly string[] Types = ["sensor_msgs/msg/JointState", "sensor_msgs/msg/Image", "trajectory_msgs/msg/JointTrajectory"];

    public static string Executable()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "FastDds");
        var work = Path.Combine(Path.GetTempPath(), "vla-fastdds-peer");
        var idl = IdlWriter.Write(Types);
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            idl + File.ReadAllText(Path.Combine(source, "peer.cpp")) + File.ReadAllText(Path.Combine(source, "CMakeLists.txt")))));
        var executable = Path.Combine(work, "build", "fastdds_peer");
        var stamp = Path.Combine(work, "fingerprint");
        if (File.Exists(executable) && File.Exists(stamp) && File.ReadAllText(stamp) == fingerprint)
            return executable;

        Directory.CreateDirectory(work);
        File.WriteAllText(Path.Combine(work, "ros_types.idl"), idl);
        Run("fastddsgen", work, "-replace", "ros_types.idl");
        Run("cmake", work, "-S", source, "-B", Path.Combine(work, "build"), $"-DGENERATED_DIR={work}", "-DCMAKE_BUILD_TYPE=Release");
        Run("cmake", work, "--build", Path.Combine(work, "build"));
        File.WriteAllText(stamp, fingerprint);
        return executable;
    }

    private static void Run(string tool, string directory, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot run {tool} (scripts/setup.sh installs fastddsgen, libfastrtps-dev, cmake): {e.Message}");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed ({process.ExitCode}):\n{stdout.Result}\n{stderr}");
        }
    }
}
