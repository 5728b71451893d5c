using System.Globalization;
using System.Text;

namespace VlaRosNode.Bag;

/// <summary>Formats <see cref="BagInfo"/> the way <c>ros2 bag info</c> does, plus a status line that says when a
/// file is incomplete or had corrupt chunks and what was lost.</summary>
public static class BagInfoFormatter
{
    public static string Format(BagInfo info)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        const string pad = "                   ";
        Line(text, "Files:", string.Join("\n" + pad, info.Files.Select(Path.GetFileName)));
        Line(text, "Bag size:", Size(info.SizeBytes));
        Line(text, "Storage id:", info.StorageIdentifier);
        if (info.RosDistro.Length > 0)
            Line(text, "ROS Distro:", info.RosDistro);
        Line(text, "Compression:", info.Compression.Length == 0 ? "none" : info.Compression);
        Line(text, "Duration:", (info.Duration / 1e9).ToString("F9", inv) + "s");
        Line(text, "Start:", Time(info.StartTime));
        Line(text, "End:", Time(info.EndTime));
        Line(text, "Messages:", info.MessageCount.ToString(inv));
        Line(text, "Topic information:", string.Join("\n" + pad, info.Topics.Select(t =>
            $"Topic: {t.Topic.Name} | Type: {t.Topic.Type} | Count: {t.MessageCount} | Serialization Format: {t.Topic.SerializationFormat}")));
        var status = info.Incomplete ? "incomplete" : info.Issues.Count > 0 ? "damaged" : "complete";
        Line(text, "Status:", status + string.Concat(info.Issues.Select(i => "\n" + pad + i)));
        return text.ToString();
    }

    private static void Line(StringBuilder text, string label, string value) => text.Append(label.PadRight(19)).AppendLine(value);

    private static string Size(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{value:0.##} {units[unit]}");
    }

    private static string Time(long nanoseconds)
    {
        var utc = DateTimeOffset.FromUnixTimeMilliseconds(Math.DivRem(nanoseconds, 1_000_000_000L, out var ns) * 1000).UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{utc:MMM dd yyyy HH:mm:ss}.{ns:D9} ({nanoseconds / 1_000_000_000L}.{ns:D9})");
    }
}
