namespace VlaRosNode.Ros2.Parameters;

/// <summary>Allowed integers: <c>From</c> to <c>To</c> inclusive, in steps of <c>Step</c> from <c>From</c> (0: any).</summary>
public sealed record IntegerRange(long From, long To, ulong Step = 0)
{
    public bool Contains(long value) =>
        value >= From && value <= To && (Step == 0 || value == To || (ulong)(value - From) % Step == 0);
}

/// <summary>Allowed doubles: <c>From</c> to <c>To</c> inclusive, in steps of <c>Step</c> from <c>From</c> (0: any).
/// Bounds and steps are compared with rclcpp's tolerance, so 0.1 + 0.2 counts as 0.3.</summary>
public sealed record FloatingPointRange(double From, double To, double Step = 0)
{
    private const double Tolerance = 1e-6;

    public bool Contains(double value)
    {
        if (IsClose(value, From) || IsClose(value, To))
            return true;
        if (value < From || value > To)
            return false;
        if (Step == 0)
            return true;
        var steps = (value - From) / Step;
        return Math.Abs(steps - Math.Round(steps)) < Tolerance;
    }

    private static bool IsClose(double a, double b) => Math.Abs(a - b) <= Tolerance * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
}

/// <summary>How a parameter was declared: its type, documentation and the constraints a set must meet.</summary>
public sealed record ParameterDescriptor(string Name, ParameterType Type, string Description, bool ReadOnly)
{
    /// <summary>Constraints in words, for people (<c>ros2 param describe</c> shows it).</summary>
    public string AdditionalConstraints { get; init; } = "";

    /// <summary>Only for integer parameters.</summary>
    public IntegerRange? IntegerRange { get; init; }

    /// <summary>Only for double parameters.</summary>
    public FloatingPointRange? FloatingPointRange { get; init; }
}

/// <summary>One parameter's new value in a set request.</summary>
public sealed record ParameterChange(string Name, ParameterValue Value);

/// <summary>Whether a set was accepted; <c>Reason</c> says why not (it goes back to the caller, e.g. <c>ros2 param set</c>).</summary>
public sealed record SetParametersOutcome(bool Successful, string Reason)
{
    public static SetParametersOutcome Accepted { get; } = new(true, "");

    public static SetParametersOutcome Refused(string reason) => new(false, reason);
}

/// <summary>A node's own check of a set before it takes effect (rclcpp's on-set-parameters callback): return
/// <see cref="SetParametersOutcome.Refused"/> to keep the old values.</summary>
public delegate SetParametersOutcome ParameterValidator(IReadOnlyList<ParameterChange> changes);
