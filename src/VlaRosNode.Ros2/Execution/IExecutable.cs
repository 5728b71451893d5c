namespace VlaRosNode.Ros2.Execution;

/// <summary>Work an executor runs on its node's callback thread (a subscription with data waiting).</summary>
internal interface IExecutable
{
    /// <summary>Runs the work that is ready; the executor never calls two of a node's executables at once.</summary>
    void Execute();
}

/// <summary>A method as executor work (a subscription's, service's or client's take loop).</summary>
internal sealed class ExecutableAction(Action run) : IExecutable
{
    public void Execute() => run();
}
