using System.Text;

namespace VlaRosNode.Messages.Text;

/// <summary>Messages to and from the YAML of `ros2 topic echo` / `ros2 topic pub`.</summary>
public static class MessageYaml
{
    /// <summary>The message as `ros2 topic echo` prints it (without the <c>---</c> separator).</summary>
    /// <param name="message">Any generated message.</param>
    /// <param name="arrayLimit">Print at most this many elements per array.</param>
    public static string Format(IRosMessage message, int arrayLimit = int.MaxValue)
    {
        var text = new StringBuilder();
        message.WriteYaml(new MessageYamlWriter(text, arrayLimit));
        return text.Length == 0 ? "{}\n" : text.ToString();
    }

    /// <summary>Builds a message of a type known at run time from `ros2 topic pub` YAML.</summary>
    public static IRosMessage Parse(MessageTypeInfo type, string yaml) => type.FromValues(MessageValues.Parse(yaml));

    public static T Parse<T>(string yaml) where T : class, IRosMessage<T>, new() => T.FromValues(MessageValues.Parse(yaml));
}
