using System.Text.Json;
using Herald.Cli.Tests.Support;
using Herald.Contracts;

namespace Herald.Cli.Tests.Commands;

/// <summary>
/// R24: proxy variables in Herald's environment are not used for deliveries (no ambient proxy): a proxy would let
/// a request bypass the egress checks, which run on the destination's own resolved address.
/// </summary>
public sealed class ProxyEnvironmentTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "herald-proxy-" + Guid.NewGuid().ToString("N"));
    private LoopbackReceiver _proxy = null!;

    public async ValueTask InitializeAsync() => _proxy = await LoopbackReceiver.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _proxy.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task ProxyVariables_AreIgnored_TheDestinationIsResolvedAndRefusedOnItsOwn()
    {
        // The proxy would answer 200 to anything; a host under .invalid never resolves.
        var proxy = _proxy.BaseAddress.ToString().TrimEnd('/');
        var environment = new Dictionary<string, string>
        {
            ["HTTP_PROXY"] = proxy,
            ["HTTPS_PROXY"] = proxy,
            ["ALL_PROXY"] = proxy,
            ["http_proxy"] = proxy,
            ["https_proxy"] = proxy,
            ["all_proxy"] = proxy,
        };
        await using var herald = await HeraldProcess.StartAsync(environment, "dev", "--port", "0", "--data-dir", _dataDirectory);
        using var client = herald.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/publish/http://herald-proxy-check.invalid/hook") { Content = new StringContent("{}") };
        request.Headers.Add("Upstash-Retries", "0");
        request.Headers.Add("Upstash-Timeout", "5s");

        using var published = await client.SendAsync(request, TestContext.Current.CancellationToken);
        published.EnsureSuccessStatusCode();
        var id = JsonSerializer.Deserialize(await published.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), HeraldJson.Context.PublishResponse)!.MessageId;

        var states = await WaitForFailureAsync(client, id);

        Assert.DoesNotContain("DELIVERED", states);
        Assert.Empty(_proxy.Requests);
    }

    private static async Task<List<string>> WaitForFailureAsync(HttpClient client, string id)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            var json = await client.GetStringAsync($"/v2/events?messageId={id}&order=earliestFirst", TestContext.Current.CancellationToken);
            var states = JsonSerializer.Deserialize(json, HeraldJson.Context.EventsResponse)!.Events.Select(e => e.State).ToList();
            if (states.Contains("FAILED") || states.Contains("DELIVERED") || TimeProvider.System.GetUtcNow() > deadline)
            {
                return states;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
