using Herald.Client;
using Herald.Server;
using Microsoft.AspNetCore.Builder;

namespace Herald.AspNetCore.Tests.Support;

/// <summary>A real Herald server in this process: Kestrel on a free loopback port, dev mode, a fresh SQLite directory.</summary>
public sealed class TestHerald : IAsyncDisposable
{
    public const string DevToken = "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=";
    public const string CurrentKey = "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r";
    public const string NextKey = "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs";

    private TestHerald(WebApplication app, string dataDirectory, Uri baseAddress)
    {
        App = app;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    public Uri BaseAddress { get; }

    public static async Task<TestHerald> StartAsync(IReadOnlyDictionary<string, string?>? configuration = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "herald-aspnetcore-test-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>
        {
            ["Server:Port"] = "0",
            ["Storage:Sqlite:DataDirectory"] = dataDirectory,
        };
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = HeraldServer.Build(new HeraldServerSettings { Mode = HeraldMode.Dev, Configuration = settings, QuietConsole = true });
        await HeraldServer.StartAsync(app, TestContext.Current.CancellationToken);
        return new TestHerald(app, dataDirectory, HeraldServer.ListeningAddress(app));
    }

    /// <summary>A client of this server with the given token (the first dev user's by default).</summary>
    public HeraldClient CreateClient(string? token = DevToken) => new(new HeraldClientOptions { BaseAddress = BaseAddress, Token = token });

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
