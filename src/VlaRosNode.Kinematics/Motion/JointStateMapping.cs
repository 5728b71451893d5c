using VlaRosNode.Kinematics.Chains;

namespace VlaRosNode.Kinematics.Motion;

/// <summary>
/// Where each of a chain's joints sits in a JointState's name list. Publishers keep the same names message
/// after message, so the mapping is rebuilt only when the list changes.
/// </summary>
public sealed class JointStateMapping(JointVariables variables)
{
    private readonly int[] indexInMessage = new int[variables.Count];
    private string[] names = [];

    /// <summary>Index into the message's arrays of the chain's joint <paramref name="variable"/>.</summary>
    public int this[int variable] => indexInMessage[variable];

    /// <summary>Refreshes the mapping for <paramref name="messageNames"/>; throws when a chain joint is missing.</summary>
    public void Update(IReadOnlyList<string> messageNames)
    {
        if (SameNames(messageNames))
            return;
        for (var v = 0; v < variables.Count; v++)
        {
            indexInMessage[v] = -1;
            for (var i = 0; i < messageNames.Count; i++)
                if (messageNames[i] == variables.Names[v])
                    indexInMessage[v] = i;
            if (indexInMessage[v] < 0)
                throw new ArgumentException($"the joint state has no joint '{variables.Names[v]}' (it has: {string.Join(", ", messageNames)})");
        }
        names = messageNames.ToArray();
    }

    /// <summary>Copies the chain's joints out of a message-ordered array.</summary>
    public void Gather(ReadOnlySpan<double> messageValues, Span<double> chainValues)
    {
        for (var v = 0; v < chainValues.Length; v++)
            chainValues[v] = messageValues[indexInMessage[v]];
    }

    private bool SameNames(IReadOnlyList<string> messageNames)
    {
        if (messageNames.Count != names.Length)
            return false;
        for (var i = 0; i < names.Length; i++)
            if (!string.Equals(messageNames[i], names[i], StringComparison.Ordinal))
                return false;
        return true;
    }
}
