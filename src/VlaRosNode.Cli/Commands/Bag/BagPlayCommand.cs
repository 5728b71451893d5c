using VlaRosNode.Bag;
using VlaRosNode.Cli.Commands.Topic;
using VlaRosNode.Nodes.Bag;

namespace VlaRosNode.Cli.Commands.Bag;

/// <summary>`vla bag play BAG [--rate R] [--clock [HZ]] [--loop] [--topics T...] [--start-offset S]`.</summary>
public sealed class BagPlayCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private const string Usage = "usage: vla bag play BAG [--rate R] [--clock] [--clock-hz HZ] [--loop] [--topics T1 T2 ...] [--start-offset SECONDS] [--wait-for-subscribers SECONDS]";

    public BagPlayCommand() : this(Console.Out, Console.Error) { }

    public string Name => "bag play";
    public string Summary => "publish a bag's messages with their recorded QoS and timing (--rate, --clock, --loop, --topics, --start-offset)";

    public int Run(IReadOnlyList<string> args) => ToolSession.Run(Name, Usage, error, (node, cancellation) =>
    {
        // --topics takes every following word up to the next option, as ros2 bag play's does.
        var rest = new List<string>();
        List<string>? topics = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] != "--topics")
            {
                rest.Add(args[i]);
                continue;
            }
            topics ??= [];
            while (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                topics.Add(args[++i]);
        }
        var (positional, options) = ToolSession.Parse(rest, ["--rate", "--clock-hz", "--start-offset", "--wait-for-subscribers"], ["--clock", "--loop"]);
        if (positional.Count != 1)
            throw new FormatException("expected one bag");
        var play = new PlayOptions(ToolSession.Number(options, "--rate", 1), options.ContainsKey("--clock"), ToolSession.Number(options, "--clock-hz", 40),
            options.ContainsKey("--loop"), topics, options.ContainsKey("--start-offset") ? ToolSession.Number(options, "--start-offset", 0) : 0);
        try
        {
            using var bag = BagReader.Open(positional[0]);
            var player = new BagPlayer(node, bag, play);
            // Publishers are volatile: give subscribers a moment to match before the first message.
            cancellation.WaitHandle.WaitOne(TimeSpan.FromSeconds(ToolSession.Number(options, "--wait-for-subscribers", 0.5)));
            var published = player.Play(cancellation);
            output.WriteLine($"published {published} messages from {positional[0]}");
            return 0;
        }
        catch (BagFormatException e)
        {
            error.WriteLine($"vla bag play: {e.Message}");
            return 1;
        }
    });
}
