using Herald.Core.Signing;
using Herald.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Herald.Cli.Commands;

/// <summary>Builds, starts and runs the server until SIGTERM/SIGINT, then drains gracefully.</summary>
internal static class ServerRunner
{
    public static async Task<int> RunAsync(HeraldServerSettings settings, CancellationToken cancellationToken)
    {
        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            app = HeraldServer.Build(settings);
            if (settings.Mode == HeraldMode.Serve && HeraldServer.Tenants(app.Configuration, settings.Mode).Count == 0)
            {
                await Console.Error.WriteLineAsync(
                    "herald serve needs at least one tenant: set Tenants:0:Id and Tenants:0:Token in the --config file, " +
                    "or HERALD_Tenants__0__Id and HERALD_Tenants__0__Token in the environment.");
                return 2;
            }

            await HeraldServer.StartAsync(app, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OptionsValidationException or FileNotFoundException or IOException or ArgumentException)
        {
            await Console.Error.WriteLineAsync("herald: " + ex.Message);
            return 2;
        }

        await using (app)
        {
            var url = HeraldServer.ListeningAddress(app).ToString().TrimEnd('/');
            if (settings.Mode == HeraldMode.Dev)
            {
                await PrintDevBannerAsync(app.Services, url, cancellationToken);
            }

            await Console.Out.WriteLineAsync($"Herald is running at {url}");
            await app.WaitForShutdownAsync(CancellationToken.None);
        }

        return Environment.ExitCode;
    }

    private static async Task PrintDevBannerAsync(IServiceProvider services, string url, CancellationToken cancellationToken)
    {
        var keys = await services.GetRequiredService<SigningKeyService>().GetAsync(DevTenants.All[0].Id, cancellationToken);
        var dataDir = services.GetRequiredService<IConfiguration>()["Storage:Sqlite:DataDirectory"];
        var banner = $"""
            Herald dev server (QStash-compatible)

              QSTASH_URL={url}
              QSTASH_TOKEN={DevTenants.All[0].Token}
              QSTASH_CURRENT_SIGNING_KEY={keys.Current}
              QSTASH_NEXT_SIGNING_KEY={keys.Next}

              Three more tenants use QStash's other published dev tokens (testUser1..3).
              Data: {Path.GetFullPath(dataDir ?? "herald-dev")}

            """;
        await Console.Out.WriteLineAsync(banner);
    }
}
