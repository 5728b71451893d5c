namespace VlaRosNode.Ros2.Parameters;

/// <summary>A node's declared parameters. A declaration's value is, by priority: a <c>-p</c> override, the last
/// parameter file section matching the node, the default in code. Sets (local or through the parameter services) are
/// checked against the descriptor (declared, writable, type, range) and then every validator, all or nothing.</summary>
public sealed class NodeParameters
{
    private readonly string _node;
    private readonly IReadOnlyDictionary<string, (ParameterValue Value, string Source)> _overrides;
    private readonly Dictionary<string, (ParameterDescriptor Descriptor, ParameterValue Value)> _declared = new(StringComparer.Ordinal);
    private readonly List<ParameterValidator> _validators = [];
    private readonly Lock _setLock = new();

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

    /// <summary>Raised for each parameter after a successful set (on the setter's thread: the caller, or the node's
    /// executor for a remote set).</summary>
    public event Action<string, ParameterValue>? Changed;

    /// <summary>Raised once per declaration (new) or accepted set (changed), for <c>/parameter_events</c>.</summary>
    internal event Action<IReadOnlyList<ParameterChange> /*new*/, IReadOnlyList<ParameterChange> /*changed*/>? Event;

    public IReadOnlyList<ParameterDescriptor> Descriptors
    {
        get { lock (_declared) return [.. _declared.Values.Select(d => d.Descriptor)]; }
    }

    /// <summary>Declares a parameter and returns its effective value; a value from outside of the wrong type is a
    /// <see cref="ParameterException"/> naming the parameter, node and source.</summary>
    public T Declare<T>(string name, T defaultValue, string description = "", bool readOnly = false) where T : notnull =>
        Declare(new ParameterDescriptor(name, ParameterValue.TypeOf(typeof(T)), description, readOnly), defaultValue).As<T>();

    /// <summary>Declares a parameter with constraints (ranges); the default and any value from outside must meet them.</summary>
    public ParameterValue Declare(ParameterDescriptor descriptor, object defaultValue)
    {
        var name = descriptor.Name;
        if (IsDeclared(name))
            throw new ParameterException($"parameter '{name}' of node '{_node}' is already declared");
        var value = ParameterValue.From(defaultValue);
        var source = "the default";
        if (_overrides.TryGetValue(name, out var external))
        {
            if (!external.Value.FitsType(descriptor.Type))
                throw new ParameterException($"parameter '{name}' of node '{_node}' is declared {ParameterValue.Describe(descriptor.Type)}, but {external.Source} gives {ParameterValue.Describe(external.Value.Type)} '{external.Value}'");
            (value, source) = (external.Value, external.Source);
        }
        if (!value.FitsType(descriptor.Type))
            throw new ParameterException($"parameter '{name}' of node '{_node}' is declared {ParameterValue.Describe(descriptor.Type)}, but its default is {ParameterValue.Describe(value.Type)}");
        value = value.ConvertTo(descriptor.Type);
        if (ParameterChecks.RangeViolation(descriptor, value) is { } violation)
            throw new ParameterException($"parameter '{name}' of node '{_node}': {source} '{value}' is out of range ({violation})");
        lock (_declared)
        {
            if (!_declared.TryAdd(name, (descriptor, value)))
                throw new ParameterException($"parameter '{name}' of node '{_node}' is already declared");
        }
        Event?.Invoke([new ParameterChange(name, value)], []);
        return value;
    }

    public bool IsDeclared(string name)
    {
        lock (_declared)
            return _declared.ContainsKey(name);
    }

    public T Get<T>(string name) => GetValue(name).As<T>();

    public ParameterValue GetValue(string name) =>
        TryGetValue(name) ?? throw new ParameterException($"parameter '{name}' of node '{_node}' is not declared");

    /// <summary>The value, or null when the parameter is not declared.</summary>
    public ParameterValue? TryGetValue(string name)
    {
        lock (_declared)
            return _declared.TryGetValue(name, out var d) ? d.Value : null;
    }

    public ParameterDescriptor? TryGetDescriptor(string name)
    {
        lock (_declared)
            return _declared.TryGetValue(name, out var d) ? d.Descriptor : null;
    }

    /// <summary>Adds a check every set must pass (after the descriptor's own checks); dispose the result to remove it.</summary>
    public IDisposable AddValidator(ParameterValidator validator)
    {
        lock (_validators)
            _validators.Add(validator);
        return new Removal(() => { lock (_validators) _validators.Remove(validator); });
    }

    /// <summary>Sets one parameter; a refusal is a <see cref="ParameterException"/> with the reason.</summary>
    public void Set(string name, object value)
    {
        var outcome = TrySet([new ParameterChange(name, ParameterValue.From(value))]);
        if (!outcome.Successful)
            throw new ParameterException($"node '{_node}': {outcome.Reason}");
    }

    /// <summary>Sets all of <paramref name="changes"/> or none: the first failed check or validator refuses them all.</summary>
    public SetParametersOutcome TrySet(IReadOnlyList<ParameterChange> changes)
    {
        lock (_setLock)
        {
            List<ParameterChange> accepted = [];
            foreach (var change in changes)
            {
                var descriptor = TryGetDescriptor(change.Name);
                if (ParameterChecks.Refusal(change, descriptor) is { } reason)
                    return SetParametersOutcome.Refused(reason);
                accepted.Add(change with { Value = change.Value.ConvertTo(descriptor!.Type) });
            }
            ParameterValidator[] validators;
            lock (_validators)
                validators = [.. _validators];
            foreach (var validator in validators)
            {
                var outcome = validator(accepted);
                if (!outcome.Successful)
                    return outcome;
            }
            lock (_declared)
                foreach (var change in accepted)
                    _declared[change.Name] = (_declared[change.Name].Descriptor, change.Value);
            foreach (var change in accepted)
                Changed?.Invoke(change.Name, change.Value);
            Event?.Invoke([], accepted);
            return SetParametersOutcome.Accepted;
        }
    }

    private sealed class Removal(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
