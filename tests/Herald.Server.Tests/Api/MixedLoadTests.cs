using System.Collections.Concurrent;
using System.Globalization;
using Herald.Server.Tests.Support;

namespace Herald.Server.Tests.Api;

/// <summary>
/// R37: publishes, deliveries and their outcome writes, queue and schedule administration, cancels and reads, all at
/// once. Every write goes through the one writer, so no client ever sees "database is locked" or any other 5xx.
/// </summary>
public sealed class MixedLoadTests : HeraldTestBase
{
    [Fact]
    public async Task EverythingAtOnce_AnswersNo5xx_AndDeliversEveryPublish()
    {
        // A fifth of the messages fail their first attempt, so retries and their writes are part of the mix.
        Receiver.Respond("/mixed", r => FailsFirst(r) ? new ReceiverResponse(500) : ReceiverResponse.Ok);
        var failures = new ConcurrentQueue<string>();
        var published = new ConcurrentBag<string>();
        using var until = new CancellationTokenSource(TimeSpan.FromSeconds(3));

        async Task LoopAsync(Func<int, Task<HttpResponseMessage>> send)
        {
            for (var i = 0; !until.IsCancellationRequested; i++)
            {
                using var response = await send(i);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Enqueue($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
                }
            }
        }

        var client = Herald.Client;
        var workers = new List<Task>();
        for (var p = 0; p < 4; p++)
        {
            workers.Add(LoopAsync(async _ =>
            {
                var response = await Herald.SendPublishAsync(Receiver.Url("/mixed"), "{}", ("Upstash-Retries", "3"), ("Upstash-Retry-Delay", "50"));
                if (response.IsSuccessStatusCode)
                {
                    published.Add(await response.Content.ReadAsStringAsync(Ct));
                }

                return response;
            }));
        }

        workers.Add(LoopAsync(i => client.PostAsync("/v2/queues", new StringContent($"{{\"queueName\":\"q{i % 5}\",\"parallelism\":{1 + (i % 3)}}}"), Ct)));
        workers.Add(LoopAsync(i => Herald.SendPublishAsync(Receiver.Url("/later"), "{}", ("Upstash-Delay", "1h"))));
        workers.Add(LoopAsync(_ => client.DeleteAsync("/v2/messages?url=" + Uri.EscapeDataString(Receiver.Url("/later")), Ct)));
        workers.Add(LoopAsync(i => client.PostAsync("/v2/schedules/" + Receiver.Url("/scheduled"), new StringContent("{}") { Headers = { { "Upstash-Cron", "0 0 1 1 *" } } }, Ct)));
        workers.Add(LoopAsync(_ => client.GetAsync("/v2/events?count=50", Ct)));
        workers.Add(LoopAsync(_ => client.GetAsync("/v2/dlq", Ct)));
        await Task.WhenAll(workers);

        Assert.Empty(failures);
        Assert.NotEmpty(published);
        var ids = published.Select(json => System.Text.Json.JsonSerializer.Deserialize(json, Contracts.HeraldJson.Context.PublishResponse)!.MessageId).ToList();
        await Receiver.WaitForAsync(r => ids.All(id => r.Any(x => x.Header("Upstash-Message-Id") == id && !FailsFirst(x))), TimeSpan.FromSeconds(30));
        Assert.True(ids.Count > 50, ids.Count.ToString(CultureInfo.InvariantCulture));
    }

    private static bool FailsFirst(ReceivedRequest request) =>
        request.Header("Upstash-Retried") == "0" && (request.Header("Upstash-Message-Id")?.GetHashCode(StringComparison.Ordinal) ?? 0) % 5 == 0;
}
