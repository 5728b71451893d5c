using System.Text;

namespace VlaRosNode.Messages.Text;

/// <summary>Block-style YAML as `ros2 topic echo` prints it (PyYAML layout): nested structs indented by two,
/// sequences as <c>- item</c> lines at the key's indentation, empty ones as <c>[]</c>.
/// Generated <c>WriteYaml</c> methods call one method per field; nothing here uses reflection.</summary>
public sealed class MessageYamlWriter
{
    private readonly StringBuilder _out;
    private readonly int _arrayLimit;
    private int _indent;
    private bool _listItemPending; // the next line opens a struct inside a sequence: prefix it with "- "

    /// <param name="output">Where the text goes.</param>
    /// <param name="arrayLimit">Print at most this many elements of each array, then <c>- '...'</c> (like `--truncate-length`).</param>
    public MessageYamlWriter(StringBuilder output, int arrayLimit = int.MaxValue)
    {
        _out = output;
        _arrayLimit = arrayLimit;
    }

    public void Field(string name, bool value) => Line(name, value ? "true" : "false");
    public void Field(string name, byte value) => Line(name, YamlScalars.Integer(value));
    public void Field(string name, sbyte value) => Line(name, YamlScalars.Integer(value));
    public void Field(string name, short value) => Line(name, YamlScalars.Integer(value));
    public void Field(string name, ushort value) => Line(name, YamlScalars.Integer(value));
    public void Field(string name, int value) => Line(name, YamlScalars.Integer(value));
    public void Field(string name, uint value) => Line(name, YamlScalars.Integer(value));
    public void Field(string name, long value) => Line(name, YamlScalars.Integer(value));
    public void Field(string name, ulong value) => Line(name, YamlScalars.Integer(value));
    public void Field(string name, float value) => Line(name, YamlScalars.Float(value));
    public void Field(string name, double value) => Line(name, YamlScalars.Float(value));
    public void Field(string name, string value) => Line(name, YamlScalars.String(value));

    public void Field(string name, bool[] values) => Sequence(name, values, v => v ? "true" : "false");
    public void Field(string name, byte[] values) => Sequence(name, values, YamlScalars.Integer);
    public void Field(string name, sbyte[] values) => Sequence(name, values, YamlScalars.Integer);
    public void Field(string name, short[] values) => Sequence(name, values, YamlScalars.Integer);
    public void Field(string name, ushort[] values) => Sequence(name, values, YamlScalars.Integer);
    public void Field(string name, int[] values) => Sequence(name, values, YamlScalars.Integer);
    public void Field(string name, uint[] values) => Sequence(name, values, YamlScalars.Integer);
    public void Field(string name, long[] values) => Sequence(name, values, YamlScalars.Integer);
    public void Field(string name, ulong[] values) => Sequence(name, values, YamlScalars.Integer);
    public void Field(string name, float[] values) => Sequence(name, values, YamlScalars.Float);
    public void Field(string name, double[] values) => Sequence(name, values, YamlScalars.Float);
    public void Field(string name, string[] values) => Sequence(name, values, YamlScalars.String);

    public void Struct(string name, IRosMessage value)
    {
        var before = _out.Length;
        Line(name, null);
        var afterKey = _out.Length;
        _indent += 2;
        value.WriteYaml(this);
        _indent -= 2;
        if (_out.Length == afterKey) // a struct without fields
        {
            _out.Length = before;
            Line(name, "{}");
        }
    }

    public void Structs<T>(string name, T[] values) where T : IRosMessage
    {
        if (values.Length == 0)
        {
            Line(name, "[]");
            return;
        }
        Line(name, null);
        foreach (var item in values.Take(_arrayLimit))
        {
            _indent += 2;
            _listItemPending = true;
            item.WriteYaml(this);
            _indent -= 2;
            if (_listItemPending) // a struct without fields
                Item("{}");
        }
        if (values.Length > _arrayLimit)
            Item("'...'");
    }

    private void Sequence<T>(string name, T[] values, Func<T, string> format)
    {
        if (values.Length == 0)
        {
            Line(name, "[]");
            return;
        }
        Line(name, null);
        foreach (var value in values.Take(_arrayLimit))
            Item(format(value));
        if (values.Length > _arrayLimit)
            Item("'...'");
    }

    private void Item(string text)
    {
        Indent();
        _out.Append("- ").Append(text).Append('\n');
    }

    private void Line(string key, string? value)
    {
        Indent();
        _out.Append(key).Append(':');
        if (value != null)
            _out.Append(' ').Append(value);
        _out.Append('\n');
    }

    private void Indent()
    {
        if (_listItemPending)
        {
            _out.Append(' ', _indent - 2).Append("- ");
            _listItemPending = false;
        }
        else
            _out.Append(' ', _indent);
    }
}
