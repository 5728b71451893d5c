using VlaRosNode.Bag;
using VlaRosNode.Cli.Commands.Topic;
using VlaRosNode.Nodes.Bag;

namespace VlaRosNode.Cli.Commands.Bag;

/// <summary>`vla bag play BAG [--rate R] [--clock [HZ]] [--loop] [--topics T...] [--start-offset S]`.</summary>
public sealed class BagPlayCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = new CommandOptions("bag play", "BAG", 1, 1)
        .Value("--rate", "R", "playback speed factor", defaultValue: "1")
        .Switch("--clock", "publish /clock from the bag's time")
        .Value("--clock-hz", "HZ", "/clock publishing rate", defaultValue: "40")
        .Switch("--loop", "play again from the start when the bag ends")
        // Every following word up to the next option, as ros2 bag play's --topics takes them.
        .List("--topics", "TOPIC", "play only these topics")
        .Value("--start-offset", "SECONDS", "skip this much of the bag's start", defaultValue: "0")
        .Value("--wait-for-subscribers", "SECONDS", "pause before the first message so subscribers can match", defaultValue: "0.5");

    public BagPlayCommand() : this(Console.Out, Console.Error) { }

    public string Name => Options.Command;
    public string Summary => "publish a bag's messages with their recorded QoS and timing (--rate, --clock, --loop, --topics, --start-offset)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var play = new PlayOptions(flags.Number("--rate", above: 0), flags.Has("--clock"), flags.Number("--clock-hz", above: 0),
            flags.Has("--loop"), flags.Has("--topics") ? flags.All("--topics").ToList() : null, flags.Number("--start-offset", atLeast: 0));
        var wait = TimeSpan.FromSeconds(flags.Number("--wait-for-subscribers", atLeast: 0));
        var path = flags.Positional[0];
        return ToolSession.Run(Name, error, (node, cancellation) =>
        {
            try
            {
                using var bag = BagReader.Open(path);
                var player = new BagPlayer(node, bag, play);
                // Publishers are volatile: give subscribers a moment to match before the first message.
                cancellation.WaitHandle.WaitOne(wait);
                var published = player.Play(cancellation);
                output.WriteLine($"published {published} messages from {path}");
                return 0;
            }
            catch (BagFormatException e)
            {
                error.WriteLine($"vla bag play: {e.Message}");
                return 1;
            }
        });
    });
}
