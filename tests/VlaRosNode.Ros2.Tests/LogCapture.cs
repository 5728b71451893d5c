using System.Text;

namespace VlaRosNode.Ros2.Tests;

/// <summary>A thread-safe TextWriter that keeps the log lines a context writes.</summary>
internal sealed class LogCapture : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_text)
            _text.Append(value);
    }

    public override void Write(string? value)
    {
        lock (_text)
            _text.Append(value);
    }

    public string[] Lines
    {
        get { lock (_text) return _text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries); }
    }
}
