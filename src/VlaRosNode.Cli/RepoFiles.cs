namespace VlaRosNode.Cli;

/// <summary>Finds a file or folder of the source tree (npm benchmark scripts, config/, models/) from where `vla` runs.</summary>
public static class RepoFiles
{
    /// <summary>The path, looked for above the working directory and above the executable; null if absent.</summary>
    public static string? Find(string relativePath)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relativePath);
                if (File.Exists(candidate) || Directory.Exists(candidate))
                    return candidate;
            }
        }
        return null;
    }
}
