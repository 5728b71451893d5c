using VlaRosNode.Policy;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Dyq;
using VlaRosNode.Policy.TokenCache;

namespace VlaRosNode.Nodes.Evaluation;

/// <summary>Everything <see cref="PolicyMode.Apply"/> changes on a policy, taken before a run of modes and put back after
/// it, so a benchmark or replay leaves the policy as it found it.</summary>
public readonly record struct PolicySettings(IDecodingStrategy Strategy, DyqController? Dyq, VisualTokenCache? TokenCache, string Precision)
{
    public static PolicySettings Of(VlaPolicy policy) => new(policy.Strategy, policy.Dyq, policy.TokenCache, policy.Model.Precision);

    public void Restore(VlaPolicy policy)
    {
        policy.Strategy = Strategy;
        policy.Dyq = Dyq;
        policy.TokenCache = TokenCache;
        policy.Model.SetPrecision(Precision);
    }
}
