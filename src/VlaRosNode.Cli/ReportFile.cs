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
}
