namespace VlaRosNode.Ros2.Parameters;

/// <summary>The checks rclcpp makes before a parameter set takes effect, with its reasons' wording (what
/// <c>ros2 param set</c> prints after "Setting parameter failed: ").</summary>
internal static class ParameterChecks
{
    /// <summary>Why <paramref name="change"/> may not be applied to a parameter declared as <paramref name="descriptor"/>, or null.</summary>
    public static string? Refusal(ParameterChange change, ParameterDescriptor? descriptor)
    {
        var name = change.Name;
        if (descriptor is null)
            return $"parameter '{name}' cannot be set because it was not declared";
        if (descriptor.ReadOnly)
            return $"parameter '{name}' cannot be set because it is read-only";
        if (!change.Value.FitsType(descriptor.Type))
            return $"Wrong parameter type, parameter {{{name}}} is of type {{{ParameterValue.RosTypeName(descriptor.Type)}}}, setting it to {{{ParameterValue.RosTypeName(change.Value.Type)}}} is not allowed.";
        return RangeViolation(descriptor, change.Value.ConvertTo(descriptor.Type)) is { } range
            ? $"Parameter {{{name}}} doesn't comply with {range}."
            : null;
    }

    /// <summary>"integer range" / "floating point range" when <paramref name="value"/> is outside the descriptor's range.</summary>
    public static string? RangeViolation(ParameterDescriptor descriptor, ParameterValue value) => value.Value switch
    {
        long l when descriptor.IntegerRange is { } range && !range.Contains(l) => "integer range",
        double d when descriptor.FloatingPointRange is { } range && !range.Contains(d) => "floating point range",
        _ => null,
    };
}
