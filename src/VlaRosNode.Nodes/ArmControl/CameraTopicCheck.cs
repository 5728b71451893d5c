namespace VlaRosNode.Nodes.ArmControl;

/// <summary>The one rule that ties camera topics to a model: one topic per camera of its manifest, in that order.
/// Checked wherever topics meet a model (the node's parameter, replay and datastore bags, the CLI's flags).</summary>
public static class CameraTopicCheck
{
    /// <param name="topics">The camera topics, in order.</param>
    /// <param name="cameras">The model's cameras (its manifest's <c>image.cameras</c>).</param>
    /// <param name="origin">Where the topics came from, as the error message says it: "parameter camera_topics names".</param>
    /// <exception cref="ArgumentException">Not one topic per camera.</exception>
    public static void RequireOnePerCamera(IReadOnlyList<string> topics, IReadOnlyList<string> cameras, string origin)
    {
        if (topics.Count != cameras.Count)
            throw new ArgumentException($"the model sees {cameras.Count} camera(s) [{string.Join(", ", cameras)}] but {origin} " +
                $"{topics.Count} [{string.Join(", ", topics)}]: give one topic per camera, in that order");
    }
}
