namespace VlaRosNode.Cli;

/// <summary>A command's result table: printed, and saved as the report file it names.</summary>
public static class ReportFile
{
    public static void Save(TextWriter output, string path, string text)
    {
        output.Write(text);
        File.WriteAllText(path, text);
        output.WriteLine($"report written to {Path.GetFullPath(path)}");
    }

    /// <summary>A run's machine-readable and viewable reports: <paramref name="prefix"/>.json and .html.</summary>
    public static void SaveJsonAndHtml(TextWriter output, string prefix, string json, string html)
    {
        File.WriteAllText(prefix + ".json", json);
        File.WriteAllText(prefix + ".html", html);
        output.WriteLine($"reports: {prefix}.json, {prefix}.html");
    }
}
