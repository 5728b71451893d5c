using VlaRosNode.Policy.Decoding;

namespace VlaRosNode.Policy.TokenCache;

/// <summary>
/// Settings of visual token caching across control steps (VLA-Cache, with VLN-Cache's camera-motion gate for cameras
/// on the arm). The similarity threshold and the share of reused tokens are VLA-Cache's; the refresh period and the
/// motion limits are ours (the papers have no periodic refresh; VLN-Cache remaps tokens instead of a motion limit).
/// </summary>
public sealed record TokenCacheOptions
{
    /// <summary>A visual token is static, and its keys/values are reused, when its cosine similarity with the token those
    /// keys/values were computed from is at least this (paper: 0.996). Above 1 nothing is ever reused.</summary>
    public double Threshold { get; init; } = 0.996;

    /// <summary>At most this share of all visual tokens is reused in one step, the most similar first (VLA-Cache's
    /// top-k of 120-150 of 256 tokens; 150/256 = 0.586). A share, so one default fits any token count.</summary>
    public double MaxReusedShare { get; init; } = 0.586;

    /// <summary>Every this many control steps a decoder's prefill recomputes every token, bounding the drift of reused
    /// keys/values (whose context was an older frame); 1 = always recompute. 2: in docs/token-cache.md's sweep (the
    /// earlier shipped model) the action logits' error grew with the period (0.024 at 2, 0.057 at 5, 0.090 at 10, against
    /// 0.032 for the int4 decoder).</summary>
    public int RefreshEvery { get; init; } = 2;

    /// <summary>A camera in <see cref="MovingCameras"/> recomputes all its tokens when the end effector moved more than
    /// this (m) since the decoder's previous prefill.</summary>
    public double MaxTranslation { get; init; } = 0.002;

    /// <summary>... or rotated more than this (rad).</summary>
    public double MaxRotation { get; init; } = 0.02;

    /// <summary>Cameras (manifest names) mounted on the hand: their view moves with the end effector, so they are gated by
    /// its motion; without kinematics in the observation their tokens are always recomputed.</summary>
    public IReadOnlyList<string> MovingCameras { get; init; } = ["wrist"];

    /// <summary>The defaults with <c>name=value</c> settings over them (<c>threshold=0.99,refresh-every=5,moving-cameras=agent/wrist</c>);
    /// validated.</summary>
    public static TokenCacheOptions Parse(string text)
    {
        var options = OptionsBinder.Bind("token_cache", new TokenCacheOptions(), DecodingStrategies.ParseParameters([text]));
        options.Validate();
        return options;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (double.IsNaN(Threshold))
            throw new ArgumentException("token cache threshold is NaN");
        if (MaxReusedShare is < 0 or > 1 || double.IsNaN(MaxReusedShare))
            throw new ArgumentException($"token cache max reused share {MaxReusedShare}: expected [0, 1]");
        if (RefreshEvery < 1)
            throw new ArgumentException($"token cache refresh every {RefreshEvery}: expected at least 1 step");
        if (!(MaxTranslation >= 0) || !(MaxRotation >= 0))
            throw new ArgumentException($"token cache motion limits {MaxTranslation} m, {MaxRotation} rad: expected >= 0");
    }
}
