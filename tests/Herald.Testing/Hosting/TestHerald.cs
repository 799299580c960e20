using System.Net.Http.Headers;
using Herald.Client;
using Herald.Contracts;
using Herald.Server;
using Herald.Contracts.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Testing.Hosting;

/// <summary>A real Herald server in this process: Kestrel on a free loopback port, a fresh SQLite directory.</summary>
public sealed class TestHerald : IAsyncDisposable
{
    public const string DevToken = "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=";
    public const string OtherDevToken = "eyJVc2VySUQiOiJ0ZXN0VXNlcjEiLCJQYXNzd29yZCI6InRlc3RQYXNzd29yZCJ9";
    public const string CurrentKey = "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r";
    public const string NextKey = "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs";

    private readonly bool _ownsDataDirectory;

    private TestHerald(WebApplication app, string dataDirectory, Uri baseAddress, bool ownsDataDirectory)
    {
        _ownsDataDirectory = ownsDataDirectory;
        App = app;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
        Client = ClientFor(DevToken);
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    public Uri BaseAddress { get; }

    /// <summary>Authenticated as QStash's first published dev user.</summary>
    public HttpClient Client { get; }

    public static async Task<TestHerald> StartAsync(
        IReadOnlyDictionary<string, string?>? configuration = null,
        HeraldMode mode = HeraldMode.Dev,
        Action<IServiceCollection>? services = null,
        string? dataDirectory = null)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "herald-test-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>
        {
            ["Server:Port"] = "0",
            ["Storage:Sqlite:DataDirectory"] = dataDirectory,
            ["Delivery:LeaseRescueInterval"] = "00:00:01",
        };
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = HeraldServer.Build(new HeraldServerSettings
        {
            Mode = mode,
            Configuration = settings,
            ConfigureServices = services,
            QuietConsole = true,
        });
        await HeraldServer.StartAsync(app, TestContext.Current.CancellationToken);
        return new TestHerald(app, dataDirectory, HeraldServer.ListeningAddress(app), owns);
    }

    /// <summary>A <see cref="HeraldClient"/> of this server with the given token (the first dev user's by default).</summary>
    public HeraldClient CreateClient(string? token = DevToken) => new(new HeraldClientOptions { BaseAddress = BaseAddress, Token = token });

    public HttpClient ClientFor(string? token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Publishes <paramref name="body"/> to <paramref name="destination"/> with extra headers; asserts 200.</summary>
    public async Task<string> PublishAsync(string destination, string body = "{\"hello\":\"world\"}", params (string Name, string Value)[] headers)
    {
        using var response = await SendPublishAsync(destination, body, headers);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"publish failed: {(int)response.StatusCode} {text}");
        var published = System.Text.Json.JsonSerializer.Deserialize(text, HeraldJson.Context.PublishResponse)!;
        return published.MessageId;
    }

    /// <summary>Enqueues into <paramref name="queue"/>; asserts 200 and returns the message id.</summary>
    public async Task<string> EnqueueAsync(string queue, string destination, string body = "{}", params (string Name, string Value)[] headers)
    {
        using var response = await SendAsync($"/v2/enqueue/{queue}/{destination}", body, headers);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"enqueue failed: {(int)response.StatusCode} {text}");
        return System.Text.Json.JsonSerializer.Deserialize(text, HeraldJson.Context.PublishResponse)!.MessageId;
    }

    public Task<HttpResponseMessage> SendPublishAsync(string destination, string body = "{}", params (string Name, string Value)[] headers) =>
        SendAsync("/v2/publish/" + destination, body, headers);

    public async Task<HttpResponseMessage> SendAsync(string path, string body = "{}", params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await Client.SendAsync(request);
    }

    public async Task<string> SendJsonAsync(HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} failed: {(int)response.StatusCode} {text}");
        return text;
    }

    public async Task<T> GetJsonAsync<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        using var response = await Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} failed: {(int)response.StatusCode} {text}");
        return System.Text.Json.JsonSerializer.Deserialize(text, type)!;
    }

    /// <summary>Polls the logs until the message reaches <paramref name="state"/>.</summary>
    public async Task<IReadOnlyList<LogEntry>> WaitForStateAsync(string messageId, string state, TimeSpan? timeout = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var events = await GetJsonAsync($"/v2/events?messageId={messageId}&order=earliestFirst", HeraldJson.Context.EventsResponse);
            if (events.Events.Any(e => e.State == state))
            {
                return events.Events;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"{messageId} did not reach {state}; states: {string.Join(",", events.Events.Select(e => e.State))}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (!_ownsDataDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
