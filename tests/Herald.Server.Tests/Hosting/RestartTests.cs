using System.Net;
using Herald.Contracts;

namespace Herald.Server.Tests.Hosting;

public sealed class RestartTests : IAsyncLifetime
{
    private LoopbackReceiver _receiver = null!;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "herald-restart-" + Guid.NewGuid().ToString("N"));

    public async ValueTask InitializeAsync() => _receiver = await LoopbackReceiver.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Restart_KeepsPendingMessagesDlqAndRotatedKeys()
    {
        string pending;
        string rotatedNext;
        var first = await TestHerald.StartAsync(dataDirectory: _dataDirectory);
        await using (first)
        {
            pending = await first.PublishAsync(_receiver.Url("/after-restart"), "kept", ("Upstash-Delay", "3s"));
            _receiver.Respond("/dead", new ReceiverResponse(500));
            var dead = await first.PublishAsync(_receiver.Url("/dead"), "x", ("Upstash-Retries", "0"));
            await first.WaitForStateAsync(dead, "FAILED");
            using var rotate = await first.Client.PostAsync("/v2/keys/rotate", null, TestContext.Current.CancellationToken);
            rotatedNext = System.Text.Json.JsonSerializer.Deserialize(await rotate.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), HeraldJson.Context.SigningKeysResponse)!.Next;
        }

        // A new server process on the same directory: the data dir lock was released by the old one.
        var second = await TestHerald.StartAsync(dataDirectory: _dataDirectory);
        await using (second)
        {
            using var get = await second.Client.GetAsync($"/v2/messages/{pending}", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Single((await second.GetJsonAsync("/v2/dlq", HeraldJson.Context.DlqListResponse)).Messages);
            var keys = await second.GetJsonAsync("/v2/keys", HeraldJson.Context.SigningKeysResponse);
            Assert.Equal(TestHerald.NextKey, keys.Current);
            Assert.Equal(rotatedNext, keys.Next);

            var delivered = await _receiver.WaitForCountAsync("/after-restart", 1, TimeSpan.FromSeconds(10));
            Assert.Equal(pending, delivered.Single(r => r.PathAndQuery == "/after-restart").Header("Upstash-Message-Id"));
        }
    }

    [Fact]
    public async Task SecondServer_OnTheSameDirectory_IsRefused()
    {
        var first = await TestHerald.StartAsync(dataDirectory: _dataDirectory);
        await using (first)
        {
            var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => TestHerald.StartAsync(dataDirectory: _dataDirectory));
            Assert.Contains("another Herald process", error.Message, StringComparison.Ordinal);
        }
    }
}
