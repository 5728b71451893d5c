namespace VlaRosNode.Ros2.Names;

/// <summary>ROS 2 name rules: validation, expansion of relative and private (<c>~</c>) names, remapping, DDS mapping.</summary>
public static class TopicNames
{
    /// <summary>Expands <paramref name="name"/> for a node: <c>/abs</c> stays, <c>rel</c> goes under the namespace,
    /// <c>~</c> and <c>~/x</c> go under the node's fully qualified name.</summary>
    public static string Expand(string name, string nodeName, string nodeNamespace)
    {
        Validate(name, allowRelative: true);
        var fqn = FullyQualifiedName(nodeName, nodeNamespace);
        if (name == "~")
            return fqn;
        if (name.StartsWith("~/", StringComparison.Ordinal))
            return fqn + name[1..];
        if (name.StartsWith('/'))
            return name;
        return (nodeNamespace == "/" ? "" : nodeNamespace) + "/" + name;
    }

    /// <summary>Expands, then applies the first matching remap rule (rules are matched on expanded names).</summary>
    public static string Resolve(string name, string nodeName, string nodeNamespace, IEnumerable<RemapRule> remaps)
    {
        var expanded = Expand(name, nodeName, nodeNamespace);
        foreach (var rule in remaps)
        {
            if (rule.From is "__node" or "__ns" || (rule.Node is not null && rule.Node != nodeName))
                continue;
            if (Expand(rule.From, nodeName, nodeNamespace) == expanded)
                return Expand(rule.To, nodeName, nodeNamespace);
        }
        return expanded;
    }

    public static string FullyQualifiedName(string nodeName, string nodeNamespace) =>
        (nodeNamespace == "/" ? "" : nodeNamespace) + "/" + nodeName;

    /// <summary>ROS topic <c>/a/b</c> is DDS topic <c>rt/a/b</c>.</summary>
    public static string ToDdsTopic(string fullyQualifiedTopic) => "rt" + fullyQualifiedTopic;

    /// <summary>The ROS topic of a DDS topic, or null for DDS topics that are not ROS topics.</summary>
    public static string? FromDdsTopic(string ddsTopic) => ddsTopic.StartsWith("rt/", StringComparison.Ordinal) ? ddsTopic[2..] : null;

    /// <summary>Checks a node name: letters, digits and underscores, not starting with a digit.</summary>
    public static void ValidateNodeName(string name)
    {
        if (name.Length == 0 || char.IsDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"invalid node name '{name}': use letters, digits and '_', not starting with a digit");
    }

    /// <summary>Checks and normalises a namespace: absolute, no trailing slash ("" and "/" mean the root).</summary>
    public static string NormalizeNamespace(string ns)
    {
        if (ns is "" or "/")
            return "/";
        var absolute = ns.StartsWith('/') ? ns : "/" + ns;
        Validate(absolute, allowRelative: false);
        return absolute;
    }

    private static void Validate(string name, bool allowRelative)
    {
        var why =
            name.Length == 0 ? "it is empty" :
            name.Length > 1 && name.EndsWith('/') ? "it ends with '/'" :
            name.Contains("//", StringComparison.Ordinal) ? "it contains '//'" :
            name.IndexOf('~', 1) >= 0 ? "'~' may only start a name" :
            name.StartsWith('~') && name.Length > 1 && name[1] != '/' ? "'~' must be followed by '/'" :
            !allowRelative && !name.StartsWith('/') ? "it is not absolute" :
            name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '/' or '~')) ? "it may only contain letters, digits, '_', '/' and a leading '~'" :
            name.Split('/').Any(t => t.Length > 0 && char.IsDigit(t[0])) ? "a name token starts with a digit" :
            null;
        if (why is not null)
            throw new ArgumentException($"invalid ROS name '{name}': {why}");
    }
}
