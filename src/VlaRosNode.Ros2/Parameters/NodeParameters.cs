namespace VlaRosNode.Ros2.Parameters;

/// <summary>How a parameter was declared.</summary>
public sealed record ParameterDescriptor(string Name, ParameterType Type, string Description, bool ReadOnly);

/// <summary>A node's declared parameters. A declaration's value is, by priority: a <c>-p</c> override, the last
/// parameter file section matching the node, the default in code.</summary>
public sealed class NodeParameters
{
    private readonly string _node;
    private readonly IReadOnlyDictionary<string, (ParameterValue Value, string Source)> _overrides;
    private readonly Dictionary<string, (ParameterDescriptor Descriptor, ParameterValue Value)> _declared = new(StringComparer.Ordinal);

    internal NodeParameters(string nodeFullyQualifiedName, RosArguments arguments)
    {
        _node = nodeFullyQualifiedName;
        var overrides = new Dictionary<string, (ParameterValue, string)>(StringComparer.Ordinal);
        foreach (var file in arguments.ParameterFiles)
            foreach (var (name, value) in file.ValuesFor(nodeFullyQualifiedName))
                overrides[name] = (value, $"parameter file '{file.Source}'");
        foreach (var o in arguments.ParameterOverrides)
            overrides[o.Name] = (o.Value, "-p");
        _overrides = overrides;
    }

    /// <summary>Raised after a parameter changed through <see cref="Set"/> (on the caller's thread).</summary>
    public event Action<string, ParameterValue>? Changed;

    public IReadOnlyList<ParameterDescriptor> Descriptors
    {
        get { lock (_declared) return [.. _declared.Values.Select(d => d.Descriptor)]; }
    }

    /// <summary>Declares a parameter and returns its effective value; a value from outside of the wrong type is a
    /// <see cref="ParameterException"/> naming the parameter, node and source.</summary>
    public T Declare<T>(string name, T defaultValue, string description = "", bool readOnly = false) where T : notnull
    {
        if (IsDeclared(name))
            throw new ParameterException($"parameter '{name}' of node '{_node}' is already declared");
        var type = ParameterValue.TypeOf(typeof(T));
        var value = ParameterValue.From(defaultValue);
        if (_overrides.TryGetValue(name, out var external))
        {
            if (!external.Value.FitsType(type))
                throw new ParameterException($"parameter '{name}' of node '{_node}' is declared {ParameterValue.Describe(type)}, but {external.Source} gives {ParameterValue.Describe(external.Value.Type)} '{external.Value}'");
            value = external.Value;
        }
        lock (_declared)
        {
            if (!_declared.TryAdd(name, (new ParameterDescriptor(name, type, description, readOnly), value)))
                throw new ParameterException($"parameter '{name}' of node '{_node}' is already declared");
        }
        return value.As<T>();
    }

    public bool IsDeclared(string name)
    {
        lock (_declared)
            return _declared.ContainsKey(name);
    }

    public T Get<T>(string name) => GetValue(name).As<T>();

    public ParameterValue GetValue(string name)
    {
        lock (_declared)
            return _declared.TryGetValue(name, out var d) ? d.Value : throw new ParameterException($"parameter '{name}' of node '{_node}' is not declared");
    }

    public void Set(string name, object value)
    {
        var newValue = ParameterValue.From(value);
        lock (_declared)
        {
            if (!_declared.TryGetValue(name, out var d))
                throw new ParameterException($"parameter '{name}' of node '{_node}' is not declared");
            if (d.Descriptor.ReadOnly)
                throw new ParameterException($"parameter '{name}' of node '{_node}' is read-only");
            if (!newValue.FitsType(d.Descriptor.Type))
                throw new ParameterException($"parameter '{name}' of node '{_node}' is {ParameterValue.Describe(d.Descriptor.Type)}; cannot set it to {ParameterValue.Describe(newValue.Type)} '{newValue}'");
            _declared[name] = (d.Descriptor, newValue);
        }
        Changed?.Invoke(name, newValue);
    }
}
