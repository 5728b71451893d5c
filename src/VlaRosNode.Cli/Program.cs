using VlaRosNode.Cli;

// Every subcommand of `vla`. Add new ones here.
ICliCommand[] commands =
[
];

return CommandDispatcher.Run(commands, args, Console.Out, Console.Error);
