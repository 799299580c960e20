using System.Collections.Concurrent;
using System.Text.Json;
using Herald.Cli.Tests.Support;
using Herald.Contracts;

namespace Herald.Cli.Tests.Commands;

/// <summary>
/// R4/R5: SIGKILL the herald process while messages are being delivered, restart it on the same data directory,
/// and count: every acknowledged publish is delivered (lost = 0) and nothing unknown arrives (unexpected = 0).
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "herald-crash-" + Guid.NewGuid().ToString("N"));
    private LoopbackReceiver _receiver = null!;

    public async ValueTask InitializeAsync()
    {
        _receiver = await LoopbackReceiver.StartAsync();
        // Slow enough that many attempts are in flight (arrived, not yet answered) when the process dies.
        _receiver.Respond("/crash", new ReceiverResponse(200, "ok", Delay: TimeSpan.FromSeconds(1)));
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task KillDashNine_WhileDelivering_LosesNoAcknowledgedMessage()
    {
        const int total = 400;
        var acknowledged = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var unknown = 0;

        var herald = await HeraldProcess.StartAsync("dev", "--port", "0", "--data-dir", _dataDirectory);
        using (var client = herald.CreateClient())
        {
            var next = -1;
            var publishers = Enumerable.Range(0, 16).Select(async _ =>
            {
                while (Interlocked.Increment(ref next) is var i && i < total)
                {
                    try
                    {
                        using var response = await client.PostAsync("/v2/publish/" + _receiver.Url($"/crash?n={i}"), new StringContent($"{{\"n\":{i}}}"), TestContext.Current.CancellationToken);
                        if (response.IsSuccessStatusCode)
                        {
                            var id = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), HeraldJson.Context.PublishResponse)!.MessageId;
                            acknowledged[id] = i;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref unknown);
                    }
                }
            }).ToArray();

            await Task.WhenAll(publishers);
            await _receiver.WaitForAsync(r => r.Count >= 50, TimeSpan.FromSeconds(30));
        }

        await herald.KillAsync();
        var arrivedBeforeCrash = _receiver.Requests.Count;

        await using var restarted = await HeraldProcess.StartAsync("dev", "--port", "0", "--data-dir", _dataDirectory);
        var received = await _receiver.WaitForAsync(
            r => acknowledged.Keys.All(id => r.Any(x => x.Header("Upstash-Message-Id") == id)),
            TimeSpan.FromSeconds(60));

        var receivedIds = received.Select(r => r.Header("Upstash-Message-Id")!).ToList();
        Assert.True(received.Count > arrivedBeforeCrash, "the restarted process should redeliver what the crash interrupted");
        var lost = acknowledged.Keys.Count(id => !receivedIds.Contains(id));
        var unexpected = receivedIds.Distinct().Count(id => !acknowledged.ContainsKey(id));
        var duplicates = receivedIds.Count - receivedIds.Distinct().Count();

        Assert.Equal(total, acknowledged.Count + unknown);
        Assert.Equal(0, lost);
        Assert.Equal(0, unexpected);
        // At-least-once: only attempts in flight at the kill may repeat (bounded by the engine's concurrency).
        Assert.InRange(duplicates, 0, 256);
        foreach (var request in received)
        {
            Assert.Equal($"{{\"n\":{acknowledged[request.Header("Upstash-Message-Id")!]}}}", System.Text.Encoding.UTF8.GetString(request.Body));
        }
    }
}
