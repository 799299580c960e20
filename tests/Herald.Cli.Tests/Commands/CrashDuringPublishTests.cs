using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Herald.Cli.Tests.Support;
using Herald.Contracts;

namespace Herald.Cli.Tests.Commands;

/// <summary>
/// R3: SIGKILL the herald process in the middle of a publish stream. Every acknowledged publish is delivered after
/// the restart; a publish that was refused is never delivered; one whose answer was lost with the process is
/// delivered at most once or not at all; nothing else arrives.
/// </summary>
public sealed class CrashDuringPublishTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "herald-r3-" + Guid.NewGuid().ToString("N"));
    private LoopbackReceiver _receiver = null!;

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
    public async Task KillDashNine_MidPublishStream_LosesNoAcknowledgedMessageAndInventsNone()
    {
        var acknowledged = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var refused = new ConcurrentBag<int>();
        var unknown = new ConcurrentBag<int>();
        var next = -1;

        var herald = await HeraldProcess.StartAsync("dev", "--port", "0", "--data-dir", _dataDirectory);
        using (var client = herald.CreateClient())
        {
            using var stop = new CancellationTokenSource();
            var publishers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var i = Interlocked.Increment(ref next);
                    try
                    {
                        using var response = await client.PostAsync("/v2/publish/" + _receiver.Url($"/r3?n={i}"), new StringContent($"{{\"n\":{i}}}"), TestContext.Current.CancellationToken);
                        if (response.IsSuccessStatusCode)
                        {
                            acknowledged[JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), HeraldJson.Context.PublishResponse)!.MessageId] = i;
                        }
                        else
                        {
                            refused.Add(i);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        unknown.Add(i);
                        return;
                    }
                }
            })).ToArray();

            // Let the stream run, then kill the process while requests are in flight.
            await _receiver.WaitForAsync(r => r.Count >= 200, TimeSpan.FromSeconds(30));
            await herald.KillAsync();
            await Task.WhenAll(publishers);
            await stop.CancelAsync();
        }

        await herald.DisposeAsync();
        await using var restarted = await HeraldProcess.StartAsync("dev", "--port", "0", "--data-dir", _dataDirectory);
        await _receiver.WaitForAsync(r => acknowledged.Keys.All(id => r.Any(x => x.Header("Upstash-Message-Id") == id)), TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        var deliveries = _receiver.Requests.Select(r => (Id: r.Header("Upstash-Message-Id")!, N: int.Parse(Encoding.UTF8.GetString(r.Body)[5..^1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var acknowledgedNumbers = acknowledged.Values.ToHashSet();
        var unknownNumbers = unknown.ToHashSet();

        Assert.NotEmpty(unknown);
        Assert.All(acknowledged.Keys, id => Assert.Contains(deliveries, d => d.Id == id));
        Assert.DoesNotContain(deliveries, d => refused.Contains(d.N));
        Assert.All(deliveries, d => Assert.True(acknowledgedNumbers.Contains(d.N) || unknownNumbers.Contains(d.N), $"message {d.N} was delivered but never published"));
        Assert.All(deliveries.Where(d => unknownNumbers.Contains(d.N)).GroupBy(d => d.N), g => Assert.Single(g.Select(d => d.Id).Distinct()));
        Assert.All(deliveries.Where(d => acknowledged.ContainsKey(d.Id)), d => Assert.Equal(acknowledged[d.Id], d.N));
    }
}
