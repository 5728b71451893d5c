namespace VlaRosNode.Kinematics.Filtering;

/// <summary>The state each action dimension carries: its value and as many time derivatives.</summary>
public enum MotionModel
{
    /// <summary>Value only (KERV's released code): x(k+1) = x(k) + noise.</summary>
    RandomWalk = 1,

    /// <summary>Value and rate.</summary>
    ConstantVelocity = 2,

    /// <summary>Value, rate and acceleration.</summary>
    ConstantAcceleration = 3,
}
