namespace VlaRosNode.Cli.Commands.Bench;

/// <summary>Finds a file of the source tree (the npm benchmark scripts) from where `vla` runs.</summary>
public static class RepoFiles
{
    /// <summary>The file, looked for above the working directory and above the executable; null if absent.</summary>
    public static string? Find(string relativePath)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relativePath);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        return null;
    }
}
