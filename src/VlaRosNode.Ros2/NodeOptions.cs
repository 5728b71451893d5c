namespace VlaRosNode.Ros2;

/// <summary>What a node offers besides its own endpoints (rclcpp::NodeOptions); all on by default, as in rclcpp.</summary>
public sealed record NodeOptions
{
    public static NodeOptions Default { get; } = new();

    /// <summary>The six <c>~/…parameters…</c> services that <c>ros2 param</c> (and <c>vla param</c>) use.</summary>
    public bool StartParameterServices { get; init; } = true;

    /// <summary>Publish each declaration and accepted set on <c>/parameter_events</c>.</summary>
    public bool StartParameterEventPublisher { get; init; } = true;

    /// <summary>Publish the node's log records on <c>/rosout</c> as well as writing them to the console.</summary>
    public bool EnableRosout { get; init; } = true;
}
