using VlaRosNode.Policy;
using VlaRosNode.Ros2;

namespace VlaRosNode.Nodes.Replay;

/// <summary>
/// One control step of a replayed bag: the policy's observation (images copied out of the messages, instruction,
/// the tool pose history up to this step), the joints it was assembled with and, when the bag recorded one, the
/// command that followed it as an action (<see cref="RecordedAction"/>). The observation's pose history is shared
/// with later steps: use a step before asking for the next.
/// </summary>
/// <param name="Index">Steps of the bag so far, from 0.</param>
/// <param name="Episode">Episodes so far, from 0; a new one starts when the instruction changes.</param>
/// <param name="EpisodeStart">The first step of its episode (strategies forget their history there).</param>
/// <param name="Stamp">The oldest stamp of the observation (header stamps; log time where a header has none).</param>
public sealed record ReplayStep(int Index, int Episode, bool EpisodeStart, RosTime Stamp, Observation Observation, double[] Joints)
{
    /// <summary>The recorded command as an action (NaN where the command does not say, e.g. no gripper joint), or null.</summary>
    public float[]? RecordedAction { get; internal set; }
}

/// <summary>What a replay read: steps taken, and observations that could not be stepped on, with the first reason.</summary>
public sealed class ReplayReadSummary
{
    public int Steps { get; internal set; }
    public int Episodes { get; internal set; }
    public int StepsWithCommand { get; internal set; }

    /// <summary>Observations that did not line up (stamps spread, stale, a joint missing) or came before any instruction.</summary>
    public int Skipped { get; internal set; }
    public string? FirstSkipReason { get; internal set; }

    /// <summary>Messages whose CDR did not decode: dropped and counted, as the node does.</summary>
    public int Malformed { get; internal set; }
    public string? FirstMalformed { get; internal set; }

    /// <summary>Commands that could not be read as actions (e.g. naming other joints).</summary>
    public int UnusableCommands { get; internal set; }
    public string? FirstUnusableCommand { get; internal set; }

    internal void Skip(string reason)
    {
        Skipped++;
        FirstSkipReason ??= reason;
    }

    public override string ToString() =>
        $"{Steps} steps in {Episodes} episode(s), {StepsWithCommand} with a recorded command; skipped {Skipped}" +
        (FirstSkipReason is null ? "" : $" (first: {FirstSkipReason})") +
        (Malformed == 0 ? "" : $"; {Malformed} malformed message(s) dropped (first: {FirstMalformed})") +
        (UnusableCommands == 0 ? "" : $"; {UnusableCommands} command(s) not usable as actions (first: {FirstUnusableCommand})");
}
