namespace Herald.Server.Tests.Hosting;

public sealed class GracefulShutdownTests : IAsyncLifetime
{
    private LoopbackReceiver _receiver = null!;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "herald-shutdown-" + Guid.NewGuid().ToString("N"));

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
    public async Task Shutdown_LetsShortAttemptsFinishAndReleasesLongOnesForTheNextStart()
    {
        var config = new Dictionary<string, string?> { ["Delivery:ShutdownGracePeriod"] = "00:00:02" };
        _receiver.Respond("/short", new ReceiverResponse(200, "ok", Delay: TimeSpan.FromMilliseconds(500)));
        _receiver.Respond("/long", r => r.AttemptForPath == 1 ? new ReceiverResponse(200, "ok", Delay: TimeSpan.FromSeconds(30)) : ReceiverResponse.Ok);

        string shortId;
        string longId;
        var first = await TestHerald.StartAsync(config, dataDirectory: _dataDirectory);
        await using (first)
        {
            shortId = await first.PublishAsync(_receiver.Url("/short"), "s");
            longId = await first.PublishAsync(_receiver.Url("/long"), "l");
            await first.WaitForStateAsync(shortId, "ACTIVE");
            await first.WaitForStateAsync(longId, "ACTIVE");
        }

        var second = await TestHerald.StartAsync(config, dataDirectory: _dataDirectory);
        await using (second)
        {
            var shortLogs = await second.WaitForStateAsync(shortId, "DELIVERED");
            Assert.Equal(["CREATED", "ACTIVE", "DELIVERED"], shortLogs.Select(e => e.State));

            var longLogs = await second.WaitForStateAsync(longId, "DELIVERED");
            Assert.Contains(longLogs, e => e.State == "RETRY" && e.Error == "attempt released at shutdown");
            Assert.DoesNotContain(longLogs, e => e.State == "ERROR");
            var retried = _receiver.For("/long").Select(r => r.Header("Upstash-Retried")).ToList();
            Assert.All(retried, value => Assert.Equal("0", value));
        }
    }
}
