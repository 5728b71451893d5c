using VlaRosNode.Cli;

// Every subcommand of `vla`. Add new ones here.
ICliCommand[] commands =
[
    new VlaRosNode.Cli.Commands.Bench.KinematicsBenchCommand(),
];

return CommandDispatcher.Run(commands, args, Console.Out, Console.Error);
