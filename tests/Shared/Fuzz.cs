namespace VlaRosNode.Testing;

/// <summary>
/// Seeds and sizes of the fuzz tests. CI runs every fuzz test on its own fixed seed, so a failure replays. A longer
/// campaign sets <c>VLA_FUZZ_SEED</c> (added to every test's seed: other inputs, still replayable) and
/// <c>VLA_FUZZ_SCALE</c> (cases multiplied); a failure is replayed with the same two variables.
/// </summary>
internal static class Fuzz
{
    public static int SeedOffset { get; } = Read("VLA_FUZZ_SEED", fallback: 0, minimum: int.MinValue);

    public static int Scale { get; } = Read("VLA_FUZZ_SCALE", fallback: 1, minimum: 1);

    /// <summary>The generator of a fuzz test whose fixed seed is <paramref name="seed"/>.</summary>
    public static Random Random(int seed) => new(unchecked(seed + SeedOffset));

    /// <summary>How many cases to run where CI runs <paramref name="cases"/>.</summary>
    public static int Cases(int cases) => checked(cases * Scale);

    private static int Read(string name, int fallback, int minimum)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(text))
            return fallback;
        if (!int.TryParse(text, out var value) || value < minimum)
            throw new InvalidOperationException($"{name}={text}: expected an integer of at least {minimum}");
        return value;
    }
}
