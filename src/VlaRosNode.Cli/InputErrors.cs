using VlaRosNode.Bag;
using VlaRosNode.Kinematics.Urdf;
using VlaRosNode.Nodes.Replay;
using VlaRosNode.Policy.Package;
using VlaRosNode.Policy.Retrieval;
using VlaRosNode.Policy.Runtime;

namespace VlaRosNode.Cli;

/// <summary>Errors that come from what a command was given (arguments, files, a model package, a graph that fails to
/// run, a datastore, bags, a URDF), not from a bug: the commands that run the policy print their message and exit 1
/// instead of a stack trace. One list, so a new kind of input error is added once.</summary>
internal static class InputErrors
{
    public static bool Contains(Exception e) => e is ArgumentException or IOException or ModelPackageException or GraphRunException
        or DatastoreFormatException or ReplayException or BagFormatException or UrdfException;
}
