using VlaRosNode.Cli;

// Every subcommand of `vla`. Add new ones here.
ICliCommand[] commands =
[
    new VlaRosNode.Cli.Commands.Bench.KinematicsBenchCommand(),
    new VlaRosNode.Cli.Commands.Policy.BenchEngineCommand(),
    new VlaRosNode.Cli.Commands.Bench.SimBenchCommand(),
    new VlaRosNode.Cli.Commands.Sim.SimDemosCommand(),
    new VlaRosNode.Cli.Commands.Sim.SimFramesCommand(),
    new VlaRosNode.Cli.Commands.Sim.SimRunCommand(),
    new VlaRosNode.Cli.Commands.Bench.CdrBenchCommand(),
    new VlaRosNode.Cli.Commands.Bag.BagInfoCommand(),
    new VlaRosNode.Cli.Commands.Bag.BagConvertCommand(),
    new VlaRosNode.Cli.Commands.Bag.BagRecordCommand(),
    new VlaRosNode.Cli.Commands.Bag.BagPlayCommand(),
    new VlaRosNode.Cli.Commands.Topic.TopicListCommand(),
    new VlaRosNode.Cli.Commands.Topic.TopicEchoCommand(),
    new VlaRosNode.Cli.Commands.Topic.TopicPubCommand(),
    new VlaRosNode.Cli.Commands.Topic.TopicHzCommand(),
    new VlaRosNode.Cli.Commands.Interface.InterfaceShowCommand(),
    new VlaRosNode.Cli.Commands.Param.ParamListCommand(),
    new VlaRosNode.Cli.Commands.Param.ParamGetCommand(),
    new VlaRosNode.Cli.Commands.Param.ParamSetCommand(),
    new VlaRosNode.Cli.Commands.Decoding.DatastoreBuildCommand(),
    new VlaRosNode.Cli.Commands.Decoding.BenchDecodeCommand(),
    new VlaRosNode.Cli.Commands.Decoding.BenchMergeCommand(),
    new VlaRosNode.Cli.Commands.Bench.DdsBenchCommand(),
    new VlaRosNode.Cli.Commands.Policy.PolicyRunCommand(),
    new VlaRosNode.Cli.Commands.Bench.BagBenchCommand(),
    new VlaRosNode.Cli.Commands.Demo.DemoCommand(),
    new VlaRosNode.Cli.Commands.Model.ModelQuantizeCommand(),
    new VlaRosNode.Cli.Commands.Policy.BenchPrecisionsCommand(),
    new VlaRosNode.Cli.Commands.Eval.EvalReplayCommand(),
    new VlaRosNode.Cli.Commands.Bench.MemoryBenchCommand(),
    new VlaRosNode.Cli.Commands.Dyq.DyqCalibrateCommand(),
];

return CommandDispatcher.Run(commands, args, Console.Out, Console.Error);
