using YamlDotNet.RepresentationModel;

namespace VlaRosNode.Ros2.Parameters;

/// <summary>Loads YAML for parameters, turning every way YamlDotNet rejects input into a <see cref="ParameterException"/>.</summary>
internal static class YamlText
{
    public static YamlStream Load(string text, string what)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
            return stream;
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new ParameterException($"{what} is not valid YAML at line {e.Start.Line}: {e.Message}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner and loader throw these on some malformed input (found by fuzzing).
            throw new ParameterException($"{what} is not valid YAML: {e.Message}");
        }
    }
}
