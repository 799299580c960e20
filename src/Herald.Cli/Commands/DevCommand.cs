using System.CommandLine;
using Herald.Server;

namespace Herald.Cli.Commands;

/// <summary><c>herald dev</c>: a local server that QStash SDKs in development mode use unchanged.</summary>
internal static class DevCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port to listen on (127.0.0.1); 0 picks a free one", DefaultValueFactory = _ => 8080 };
        var dataDir = new Option<string?>("--data-dir") { Description = "Where messages are stored (default: ./herald-dev); data survives restarts" };
        var command = new Command("dev", "Run a local development server: QStash's published dev tokens and signing keys, loopback and private destinations allowed.")
        {
            port,
            dataDir,
        };
        command.SetAction((result, cancellationToken) => ServerRunner.RunAsync(
            new HeraldServerSettings
            {
                Mode = HeraldMode.Dev,
                Port = result.GetValue(port),
                DataDirectory = result.GetValue(dataDir),
            },
            cancellationToken));
        return command;
    }
}
