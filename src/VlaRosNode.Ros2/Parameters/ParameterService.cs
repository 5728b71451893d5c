using VlaRosNode.Messages.RclInterfaces;

namespace VlaRosNode.Ros2.Parameters;

/// <summary>The parameter services every rclcpp node offers under its fully qualified name (<c>/ns/node/get_parameters</c>
/// and five more), answering from <see cref="NodeParameters"/> with rclcpp's semantics.</summary>
internal sealed class ParameterService : IDisposable
{
    /// <summary>rclcpp separates parameter name levels with dots (<c>camera.exposure</c>).</summary>
    private const char Separator = '.';

    private readonly NodeParameters _parameters;
    private readonly IDisposable[] _services;

    public ParameterService(Node node)
    {
        _parameters = node.Parameters;
        var prefix = node.FullyQualifiedName == "/" ? "" : node.FullyQualifiedName;
        _services =
        [
            node.CreateService<ListParameters_Request, ListParameters_Response>(prefix + "/list_parameters", List),
            node.CreateService<GetParameters_Request, GetParameters_Response>(prefix + "/get_parameters", Get),
            node.CreateService<GetParameterTypes_Request, GetParameterTypes_Response>(prefix + "/get_parameter_types", GetTypes),
            node.CreateService<SetParameters_Request, SetParameters_Response>(prefix + "/set_parameters", Set),
            node.CreateService<SetParametersAtomically_Request, SetParametersAtomically_Response>(prefix + "/set_parameters_atomically", SetAtomically),
            node.CreateService<DescribeParameters_Request, DescribeParameters_Response>(prefix + "/describe_parameters", Describe),
        ];
    }

    public void Dispose()
    {
        foreach (var service in _services)
            service.Dispose();
    }

    private ListParameters_Response List(ListParameters_Request request)
    {
        var names = new List<string>();
        var prefixes = new List<string>();
        foreach (var name in _parameters.Descriptors.Select(d => d.Name).Order(StringComparer.Ordinal))
        {
            if (!Listed(name, request.Prefixes, request.Depth))
                continue;
            names.Add(name);
            var last = name.LastIndexOf(Separator);
            if (last > 0 && !prefixes.Contains(name[..last]))
                prefixes.Add(name[..last]);
        }
        return new ListParameters_Response { Result = new ListParametersResult { Names = [.. names], Prefixes = [.. prefixes] } };
    }

    /// <summary>Under one of the prefixes (all when none), at most <paramref name="depth"/> levels below it (0: any).</summary>
    private static bool Listed(string name, string[] prefixes, ulong depth)
    {
        bool WithinDepth(string rest) => depth == ListParameters_Request.DEPTH_RECURSIVE || (ulong)rest.Count(c => c == Separator) < depth;
        if (prefixes.Length == 0)
            return WithinDepth(name);
        return prefixes.Any(p => name == p || (name.StartsWith(p + Separator, StringComparison.Ordinal) && WithinDepth(name[(p.Length + 1)..])));
    }

    private GetParameters_Response Get(GetParameters_Request request) => new()
    {
        Values = [.. request.Names.Select(n => _parameters.TryGetValue(n) is { } v ? ParameterMessages.ToMessage(v) : new Messages.RclInterfaces.ParameterValue { Type = ParameterMessages.NotSet })],
    };

    private GetParameterTypes_Response GetTypes(GetParameterTypes_Request request) => new()
    {
        Types = [.. request.Names.Select(n => _parameters.TryGetValue(n) is { } v ? ParameterMessages.TypeCode(v.Type) : ParameterMessages.NotSet)],
    };

    /// <summary>Each parameter on its own: one refused leaves the others set.</summary>
    private SetParameters_Response Set(SetParameters_Request request) => new()
    {
        Results = [.. request.Parameters.Select(p => Result(Apply([p])))],
    };

    private SetParametersAtomically_Response SetAtomically(SetParametersAtomically_Request request) => new()
    {
        Result = Result(Apply(request.Parameters)),
    };

    /// <summary>rclcpp answers nothing at all when any name is not declared.</summary>
    private DescribeParameters_Response Describe(DescribeParameters_Request request)
    {
        var descriptors = request.Names.Select(_parameters.TryGetDescriptor).ToList();
        return new() { Descriptors = descriptors.Contains(null) ? [] : [.. descriptors.Select(d => ParameterMessages.ToMessage(d!))] };
    }

    /// <summary>Sets all of <paramref name="parameters"/> or none; one without a usable value (not set: an undeclare, or an
    /// unknown type) refuses them all.</summary>
    private SetParametersOutcome Apply(IReadOnlyList<Parameter> parameters)
    {
        var changes = new List<ParameterChange>();
        foreach (var p in parameters)
        {
            if (p.Value.Type == ParameterMessages.NotSet)
                return SetParametersOutcome.Refused($"parameter '{p.Name}' cannot be undeclared: this node's parameters are statically typed");
            try
            {
                changes.Add(new ParameterChange(p.Name, ParameterMessages.FromMessage(p.Value)!));
            }
            catch (ParameterException e)
            {
                return SetParametersOutcome.Refused($"parameter '{p.Name}': {e.Message}");
            }
        }
        return _parameters.TrySet(changes);
    }

    private static SetParametersResult Result(SetParametersOutcome outcome) => new() { Successful = outcome.Successful, Reason = outcome.Reason };
}
