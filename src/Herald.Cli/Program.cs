using System.CommandLine;
using Herald.Cli.Commands;

var root = new RootCommand("Herald: a self-hosted, QStash-compatible webhook delivery server.")
{
    DevCommand.Create(),
    ServeCommand.Create(),
};

// The host handles SIGTERM/SIGINT itself (graceful drain), so the parser does not.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
