using VlaRosNode.Messages;
using VlaRosNode.Messages.RclInterfaces;
using VlaRosNode.Ros2.Parameters;

namespace VlaRosNode.Ros2.Tools;

/// <summary>The logic of <c>vla param list/get/set</c>: calls another node's parameter services, prints as
/// <c>ros2 param</c> does. The calling node is spun here, so pass one that is not spinning yet.</summary>
public static class ParameterTool
{
    /// <summary>Parameter names, sorted, each as <c>ros2 param list NODE</c> prints it (two spaces, the name).</summary>
    public static IReadOnlyList<string> List(Node node, string target, TimeSpan timeout, CancellationToken cancellation)
    {
        var response = Call<ListParameters_Request, ListParameters_Response>(node, target, "list_parameters", new ListParameters_Request(), timeout, cancellation);
        return [.. response.Result.Names.Order(StringComparer.Ordinal).Select(n => "  " + n)];
    }

    /// <summary>The line <c>ros2 param get</c> prints, e.g. <c>Double value is: 0.5</c> or <c>Parameter not set.</c></summary>
    public static string Get(Node node, string target, string name, TimeSpan timeout, CancellationToken cancellation)
    {
        var response = Call<GetParameters_Request, GetParameters_Response>(node, target, "get_parameters", new GetParameters_Request { Names = [name] }, timeout, cancellation);
        if (response.Values.Length != 1)
            throw new ToolError($"node '{target}' answered {response.Values.Length} values for one parameter");
        return Describe(response.Values[0]);
    }

    /// <summary>Sets a parameter from YAML text (as <c>ros2 param set</c> parses it); returns whether the node accepted
    /// it and the line <c>ros2 param set</c> prints.</summary>
    public static (bool Accepted, string Message) Set(Node node, string target, string name, string yamlValue, TimeSpan timeout, CancellationToken cancellation)
    {
        Parameters.ParameterValue value;
        try
        {
            value = Parameters.ParameterValue.Parse(yamlValue, $"value of '{name}'");
        }
        catch (ParameterException e)
        {
            throw new ToolError(e.Message);
        }
        var request = new SetParameters_Request { Parameters = [ParameterMessages.ToMessage(new ParameterChange(name, value))] };
        var response = Call<SetParameters_Request, SetParameters_Response>(node, target, "set_parameters", request, timeout, cancellation);
        if (response.Results.Length != 1)
            throw new ToolError($"node '{target}' answered {response.Results.Length} results for one parameter");
        var result = response.Results[0];
        var message = result.Successful ? "Set parameter successful" : "Setting parameter failed";
        return (result.Successful, result.Reason.Length > 0 ? $"{message}: {result.Reason}" : message);
    }

    /// <summary>ros2param's wording per type, values as Python prints them (arrays of numbers are Python <c>array</c>s).</summary>
    public static string Describe(Messages.RclInterfaces.ParameterValue value)
    {
        static string List<T>(IEnumerable<T> items, Func<T, string> format) => "[" + string.Join(", ", items.Select(format)) + "]";
        return value.Type switch
        {
            ParameterMessages.NotSet => "Parameter not set.",
            1 => $"Boolean value is: {PythonRepr.Bool(value.BoolValue)}",
            2 => $"Integer value is: {value.IntegerValue}",
            3 => $"Double value is: {PythonRepr.Float(value.DoubleValue)}",
            4 => $"String value is: {value.StringValue}",
            5 => $"Byte values are: {List(value.ByteArrayValue, b => $"b'\\x{b:x2}'")}",
            6 => $"Boolean values are: {List(value.BoolArrayValue, PythonRepr.Bool)}",
            7 => $"Integer values are: array('q', {List(value.IntegerArrayValue, i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))})",
            8 => $"Double values are: array('d', {List(value.DoubleArrayValue, PythonRepr.Float)})",
            9 => $"String values are: {List(value.StringArrayValue, PythonRepr.String)}",
            _ => $"Unknown parameter type '{value.Type}'",
        };
    }

    private static TResponse Call<TRequest, TResponse>(Node node, string target, string service, TRequest request, TimeSpan timeout, CancellationToken cancellation)
        where TRequest : class, IRosMessage<TRequest>, new()
        where TResponse : class, IRosMessage<TResponse>, new()
    {
        var nodeName = target.StartsWith('/') ? target : "/" + target;
        using var client = node.CreateClient<TRequest, TResponse>($"{nodeName.TrimEnd('/')}/{service}");
        node.StartSpinning();
        if (!client.WaitForService(timeout, cancellation))
            throw new ToolError(cancellation.IsCancellationRequested ? "cancelled" : $"Node not found: no node '{nodeName}' answers {client.ServiceName} (waited {timeout.TotalSeconds:0.#} s)");
        var call = client.CallAsync(request, cancellation);
        try
        {
            if (!call.Wait(timeout, cancellation))
                throw new ToolError($"node '{nodeName}' did not answer {client.ServiceName} within {timeout.TotalSeconds:0.#} s");
        }
        catch (OperationCanceledException)
        {
            throw new ToolError("cancelled");
        }
        return call.Result;
    }
}
