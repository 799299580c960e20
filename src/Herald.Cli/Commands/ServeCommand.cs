using System.CommandLine;
using Herald.Server;

namespace Herald.Cli.Commands;

/// <summary><c>herald serve</c>: production mode, tenants and settings from configuration.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int?>("--port") { Description = "Port to listen on (default: Server:Port, 8080)" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Where messages are stored (default: Storage:Sqlite:DataDirectory, ./herald-data)" };
        var config = new Option<string?>("--config") { Description = "A JSON configuration file; HERALD_-prefixed environment variables override it (HERALD_Server__Port=9000)" };
        var command = new Command("serve", "Run Herald in production mode: tenants from configuration, non-public destinations refused unless allow-listed.")
        {
            port,
            dataDir,
            config,
        };
        command.SetAction((result, cancellationToken) => ServerRunner.RunAsync(
            new HeraldServerSettings
            {
                Mode = HeraldMode.Serve,
                Port = result.GetValue(port),
                DataDirectory = result.GetValue(dataDir),
                ConfigFile = result.GetValue(config),
            },
            cancellationToken));
        return command;
    }
}
