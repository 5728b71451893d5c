namespace VlaRosNode.Policy.Tests;

/// <summary>Deterministic mutations of a valid text file for fuzz tests: deleted, duplicated, swapped or
/// truncated lines, replaced characters, and inserted fragments that parsers of the format trip on.</summary>
internal static class Mutator
{
    private static readonly string[] Fragments =
        ["", ":", "- ", "{", "}", "[", "]", "\"", "'", "#", "&a", "*a", "!!binary", "\t", "-1", "1e400", "NaN", "null",
         "~", "999999999999", "0x10", "true", "{layer}", "../", "\u0000", "ÿ", "\n", "  ", "? ", "|", ">"];

    public static string Mutate(string text, Random rng)
    {
        var lines = text.Split('\n').ToList();
        var edits = 1 + rng.Next(3);
        for (var e = 0; e < edits; e++)
        {
            var i = rng.Next(lines.Count);
            switch (rng.Next(7))
            {
                case 0: lines.RemoveAt(i); break;
                case 1: lines.Insert(i, lines[rng.Next(lines.Count)]); break;
                case 2: (lines[i], lines[rng.Next(lines.Count)]) = (lines[rng.Next(lines.Count)], lines[i]); break;
                case 3: lines[i] = Replace(lines[i], rng); break;
                case 4: lines[i] = Insert(lines[i], Fragments[rng.Next(Fragments.Length)], rng); break;
                case 5: lines[i] = lines[i][..rng.Next(lines[i].Length + 1)]; break;
                default: lines[i] = Insert(lines[i], ((char)rng.Next(32, 127)).ToString(), rng); break;
            }
            if (lines.Count == 0)
                lines.Add("");
        }
        return string.Join('\n', lines);
    }

    private static string Replace(string line, Random rng)
    {
        if (line.Length == 0)
            return line;
        var chars = line.ToCharArray();
        chars[rng.Next(chars.Length)] = (char)rng.Next(32, 127);
        return new string(chars);
    }

    private static string Insert(string line, string fragment, Random rng) => line.Insert(rng.Next(line.Length + 1), fragment);
}
