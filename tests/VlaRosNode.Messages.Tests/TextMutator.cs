namespace VlaRosNode.Messages.Tests;

/// <summary>One to three random character edits (replace, delete, insert) drawn from an alphabet of likely troublemakers.</summary>
internal static class TextMutator
{
    public static string Mutate(string text, string alphabet, Random random)
    {
        var chars = text.ToList();
        for (var e = 1 + random.Next(3); e > 0 && chars.Count > 0; e--)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0: chars[at] = alphabet[random.Next(alphabet.Length)]; break;
                case 1: chars.RemoveAt(at); break;
                default: chars.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
            }
        }
        return new string(chars.ToArray());
    }
}
