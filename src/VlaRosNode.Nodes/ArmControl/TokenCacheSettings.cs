using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.TokenCache;
using VlaRosNode.Ros2;

namespace VlaRosNode.Nodes.ArmControl;

/// <summary>
/// Visual token caching as parameters of the policy node: <c>token_cache.enable</c> and every setting of
/// <see cref="TokenCacheOptions"/> as <c>token_cache.&lt;option&gt;</c> in snake case (<c>token_cache.moving_cameras</c>, a
/// string array), with the record's defaults (docs/token-cache.md).
/// </summary>
public static class TokenCacheSettings
{
    public const string Prefix = "token_cache.";

    /// <summary>Declares the parameters; returns the options when <c>token_cache.enable</c> is true, else null.</summary>
    /// <exception cref="ArgumentException">A bad value, naming the parameter.</exception>
    public static TokenCacheOptions? Declare(Node node)
    {
        var defaults = new TokenCacheOptions();
        var enabled = node.DeclareParameter(Prefix + "enable", false,
            "reuse the keys/values of visual tokens that did not change since the last step (VLA-Cache); off by default", readOnly: true);
        var values = OptionsBinder.Describe(defaults).ToDictionary(o => DecodingSettings.SnakeCase(o.Name), o =>
            DecodingSettings.DeclareOption(node, Prefix + DecodingSettings.SnakeCase(o.Name), o, $"token cache setting {o.Name} (docs/token-cache.md)"));
        if (!enabled)
            return null;
        try
        {
            var options = OptionsBinder.Bind("token_cache", defaults, values);
            options.Validate();
            return options;
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"parameters {Prefix}*: {e.Message}");
        }
    }
}
