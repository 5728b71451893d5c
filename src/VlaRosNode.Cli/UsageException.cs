namespace VlaRosNode.Cli;

/// <summary>The command line itself is wrong (unknown flag, missing or bad value); the message names the flag.
/// Not an <see cref="ArgumentException"/>, so a command's own error handling never mistakes it for bad input data.</summary>
public sealed class UsageException(string message) : Exception(message);
