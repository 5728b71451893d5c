using System.Runtime.InteropServices;

namespace VlaRosNode.Ros2.Dds;

/// <summary>Loads the native shim once and checks that it was built against, and is running with, the one
/// Cyclone DDS version whose internal structs it relies on.</summary>
internal static unsafe class CycloneLibrary
{
    public const string ExpectedVersion = "0.10.2";
    private static readonly Lazy<Exception?> LoadError = new(Probe);

    /// <summary>Throws a <see cref="DdsException"/> that says what to install or rebuild when the shim cannot be used.</summary>
    public static void EnsureLoaded()
    {
        if (LoadError.Value is { } error)
            throw error;
    }

    public static string ErrorText(int rc) => Marshal.PtrToStringUTF8((nint)CycloneNative.ErrorText(rc)) ?? "unknown error";

    private static Exception? Probe()
    {
        string compiled, runtime;
        try
        {
            compiled = Marshal.PtrToStringUTF8((nint)CycloneNative.CompiledVersion()) ?? "";
            runtime = Marshal.PtrToStringUTF8((nint)CycloneNative.RuntimeLibrary()) ?? "";
        }
        catch (DllNotFoundException e)
        {
            return new DdsException(
                "cannot load libvla_dds_shim.so (the Cyclone DDS shim) or its dependency libddsc.so.0debian: " +
                "install the Debian packages cyclonedds-dev and libddsc0debian and build the shim with scripts/setup.sh. " +
                $"Loader said: {e.Message}");
        }
        if (compiled != ExpectedVersion)
            return new DdsException($"libvla_dds_shim.so was built against Cyclone DDS {compiled}, but this code needs exactly {ExpectedVersion}: rebuild with scripts/setup.sh on a machine with cyclonedds-dev {ExpectedVersion}.");
        if (!runtime.EndsWith($".so.{ExpectedVersion}", StringComparison.Ordinal))
            return new DdsException($"the loaded Cyclone DDS library is '{runtime}', but the shim needs libddsc.so.{ExpectedVersion} (Debian package libddsc0debian {ExpectedVersion}): its internal structs differ between versions.");
        return null;
    }
}
