using System.Net;
using Herald.Contracts;
using Herald.Core;
using Herald.Core.Configuration;
using Herald.Core.Signing;
using Herald.Core.Storage;
using Herald.Core.Tenants;
using Herald.Server.Api;
using Herald.Server.Api.Support;
using Herald.Server.Hosting;
using Herald.Storage.Sqlite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Herald.Server;

/// <summary>Builds and starts a Herald server: configuration, services, Kestrel, the API.</summary>
public static class HeraldServer
{
    public static WebApplication Build(HeraldServerSettings settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        ConfigureConfiguration(builder.Configuration, settings);
        ConfigureLogging(builder.Logging, builder.Configuration, settings);

        var services = builder.Services;
        services.AddHeraldCore();
        services.AddOptions<HeraldServerOptions>().BindConfiguration(HeraldServerOptions.SectionName);
        services.AddOptions<MessageOptions>().BindConfiguration(MessageOptions.SectionName).ValidateOnStart();
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName).ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateOnStart();
        services.AddOptions<EgressOptions>().BindConfiguration(EgressOptions.SectionName);
        services.AddSingleton<IValidateOptions<MessageOptions>, MessageOptionsValidator>();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddSqliteStorage();
        services.AddOptions<SqliteStorageOptions>().BindConfiguration(SqliteStorageOptions.SectionName);
        services.AddSingleton(sp => new TenantDirectory(Tenants(sp.GetRequiredService<IConfiguration>(), settings.Mode)
            .Select(t => new Tenant(t.Id, t.Token, t.StandardWebhooksSecrets.Count > 0 ? t.StandardWebhooksSecrets : null))));
        services.AddSingleton<PublishServices>();
        services.AddSingleton<FlowServices>();
        services.AddHostedService<DeliveryWorkerService>();
        services.AddHostedService<RetentionService>();
        services.AddHostedService<ScheduleService>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, HeraldJson.Context));
        settings.ConfigureServices?.Invoke(services);

        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var server = context.Configuration.GetSection(HeraldServerOptions.SectionName).Get<HeraldServerOptions>() ?? new HeraldServerOptions();
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = server.MaxRequestBodySize.Bytes;
            kestrel.Listen(IPAddress.Parse(server.Address), server.Port);
        });

        var app = builder.Build();
        app.UseHeraldErrors();
        app.MapHeraldApi();
        return app;
    }

    /// <summary>Opens the store, makes sure every tenant has signing keys, then starts listening and delivering.</summary>
    public static async Task StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var store = app.Services.GetRequiredService<IHeraldStore>();
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        store.Faulted += _ =>
        {
            Environment.ExitCode = 70;
            lifetime.StopApplication();
        };

        var keys = app.Services.GetRequiredService<SigningKeyService>();
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        foreach (var tenant in Tenants(configuration, ModeOf(app)))
        {
            var initial = tenant.CurrentSigningKey is { Length: > 0 } current && tenant.NextSigningKey is { Length: > 0 } next
                ? new SigningKeyPair(current, next)
                : SigningKeyService.NewPair();
            await keys.EnsureAsync(tenant.Id, initial, cancellationToken).ConfigureAwait(false);
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The address Kestrel actually bound (the port is known only after start when 0 was asked for).</summary>
    public static Uri ListeningAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("the server is not listening");
        var uri = new Uri(first.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return uri;
    }

    public static IReadOnlyList<TenantConfiguration> Tenants(IConfiguration configuration, HeraldMode mode)
    {
        var configured = configuration.GetSection("Tenants").Get<List<TenantConfiguration>>() ?? [];
        return mode == HeraldMode.Dev ? [.. DevTenants.All, .. configured] : configured;
    }

    private static HeraldMode ModeOf(WebApplication app) =>
        app.Configuration.GetValue<HeraldMode>("Herald:Mode");

    private static void ConfigureConfiguration(ConfigurationManager configuration, HeraldServerSettings settings)
    {
        configuration.Sources.Clear();
        var defaults = new Dictionary<string, string?>
        {
            ["Herald:Mode"] = settings.Mode.ToString(),
            ["Storage:Sqlite:DataDirectory"] = settings.Mode == HeraldMode.Dev ? "herald-dev" : "herald-data",
            ["Server:Address"] = settings.Mode == HeraldMode.Dev ? "127.0.0.1" : "0.0.0.0",
        };
        if (settings.Mode == HeraldMode.Dev)
        {
            // Local development reaches receivers on this machine and on private networks (containers, VMs).
            var networks = Core.Egress.EgressPolicy.LoopbackNetworks.Concat(Core.Egress.EgressPolicy.PrivateNetworks).ToList();
            for (var i = 0; i < networks.Count; i++)
            {
                defaults[$"Egress:AllowedNetworks:{i}"] = networks[i].ToString();
            }
        }

        configuration.AddInMemoryCollection(defaults);
        if (settings.ConfigFile is not null)
        {
            configuration.AddJsonFile(Path.GetFullPath(settings.ConfigFile), optional: false, reloadOnChange: false);
        }

        configuration.AddEnvironmentVariables("HERALD_");
        var overrides = new Dictionary<string, string?>();
        if (settings.Port is { } port)
        {
            overrides["Server:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (settings.DataDirectory is not null)
        {
            overrides["Storage:Sqlite:DataDirectory"] = settings.DataDirectory;
        }

        configuration.AddInMemoryCollection(overrides);
        if (settings.Configuration is not null)
        {
            configuration.AddInMemoryCollection(settings.Configuration);
        }
    }

    private static void ConfigureLogging(ILoggingBuilder logging, ConfigurationManager configuration, HeraldServerSettings settings)
    {
        logging.ClearProviders();
        logging.AddConfiguration(configuration.GetSection("Logging"));
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        if (settings.QuietConsole)
        {
            return;
        }

        if (settings.Mode == HeraldMode.Serve)
        {
            logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
    }
}
