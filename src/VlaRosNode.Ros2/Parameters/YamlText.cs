using VlaRosNode.Yaml;
using YamlDotNet.RepresentationModel;

namespace VlaRosNode.Ros2.Parameters;

/// <summary>Loads YAML for parameters, turning every way YamlDotNet rejects input into a <see cref="ParameterException"/>.</summary>
internal static class YamlText
{
    public static YamlStream Load(string text, string what)
    {
        try
        {
            return YamlLoader.Load(text);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new ParameterException($"{what} is {YamlLoader.Problem(e)}");
        }
    }
}
