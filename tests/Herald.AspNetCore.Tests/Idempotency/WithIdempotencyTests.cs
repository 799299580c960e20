using System.Net;
using System.Text.Json;
using Herald.AspNetCore.Idempotency;
using Herald.AspNetCore.Tests.Support;
using Herald.Client.Logs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.AspNetCore.Tests.Idempotency;

/// <summary>
/// <c>WithIdempotency()</c> on a real app receiving real Herald deliveries, once per store (memory, Redis): derived
/// classes choose the store and how its TTL passes.
/// </summary>
public abstract class WithIdempotencyTests : ReceiverTestBase
{
    /// <summary>Picks the store under test; <paramref name="builder"/> already has a unique key prefix.</summary>
    protected abstract void UseStore(HeraldIdempotencyBuilder builder);

    /// <summary>Starts an app whose processed ids expire soon (by the store's own clock).</summary>
    protected abstract Task<ReceiverApp> StartWithShortTtlAsync();

    /// <summary>Lets the short TTL of <see cref="StartWithShortTtlAsync"/> pass for <paramref name="messageId"/>.</summary>
    protected abstract Task LetTheTtlPassAsync(ReceiverApp app, string messageId);

    [Fact]
    public async Task SameMessageDeliveredTwice_RunsTheHandlerOnce_AndTheDuplicateGets200()
    {
        var app = await StartAsync();
        var messageId = await PublishAsync(app.Url("/once/dup"), """{"order":1042}""");
        await app.HandledAsync("/once/dup");
        var delivery = Assert.Single(await app.AnsweredAsync("/once/dup"));

        using var duplicate = await app.ReplayAsync(delivery);

        Assert.Equal(200, delivery.Status);
        await AssertDuplicateAsync(duplicate, messageId);
        Assert.Single(app.Handled("/once/dup"));
    }

    [Fact]
    public async Task ConcurrentDuplicates_RunTheHandlerExactlyOnce_TheOthersGet409WithRetryAfter()
    {
        var app = await StartAsync(o => o.ConflictRetryAfter = TimeSpan.FromSeconds(7));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Behave("concurrent", async _ =>
        {
            await release.Task;
            return Results.Ok();
        });
        // A verified request whose message id no idempotent route has seen: delivered to a signature-only route.
        var messageId = await PublishAsync(app.Url("/group/capture"), """{"order":7}""");
        var fresh = Assert.Single(await app.AnsweredAsync("/group/capture"));

        var replays = Enumerable.Range(0, 8).Select(_ => app.ReplayAsync(fresh, path: "/once/concurrent")).ToList();
        await Eventually.TrueAsync(() => replays.Count(r => r.IsCompleted) == 7, "seven duplicates answered while the first runs");
        var conflicts = replays.Where(r => r.IsCompleted).Select(r => r.Result).ToList();
        release.SetResult();
        var all = await Task.WhenAll(replays);
        using var later = await app.ReplayAsync(fresh, path: "/once/concurrent");

        Assert.All(conflicts, r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), r.Headers.RetryAfter?.Delta);
        });
        Assert.Single(all, r => r.StatusCode == HttpStatusCode.OK);
        await AssertDuplicateAsync(later, messageId);
        Assert.Single(app.Handled("/once/concurrent"));
        foreach (var response in all)
        {
            response.Dispose();
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task HandlerFailsOnTheFirstAttempt_ReleasesTheId_AndHeraldsRetryRunsItAgain(bool throws)
    {
        var app = await StartAsync();
        app.Behave("flaky", run => run == 1
            ? throws ? throw new InvalidOperationException("the database is down") : Task.FromResult(Results.StatusCode(500))
            : Task.FromResult(Results.Ok()));

        var messageId = await PublishAsync(app.Url("/once/flaky"), """{"order":9}""", retries: 1, retryDelay: "100");
        await app.HandledAsync("/once/flaky", 2);
        await WaitForStateAsync(messageId, "DELIVERED");
        var attempts = await app.AnsweredAsync("/once/flaky", 2);
        using var duplicate = await app.ReplayAsync(attempts[1]);

        Assert.Equal([500, 200], attempts.Select(a => a.Status));
        // Each attempt carries the same message id and a fresh token.
        Assert.Equal(attempts[0].Header("Upstash-Message-Id"), attempts[1].Header("Upstash-Message-Id"));
        Assert.NotEqual(attempts[0].Header("Upstash-Signature"), attempts[1].Header("Upstash-Signature"));
        Assert.Equal("1", attempts[1].Header("Upstash-Retried"));
        await AssertDuplicateAsync(duplicate, messageId);
        Assert.Equal(2, app.Handled("/once/flaky").Count);
    }

    [Fact]
    public async Task ProcessedId_AfterTheTtl_IsFreedAndTheHandlerRunsAgain()
    {
        var app = await StartWithShortTtlAsync();
        var messageId = await PublishAsync(app.Url("/once/ttl"), "{}");
        await app.HandledAsync("/once/ttl");
        var delivery = Assert.Single(await app.AnsweredAsync("/once/ttl"));
        using (var withinTtl = await app.ReplayAsync(delivery))
        {
            await AssertDuplicateAsync(withinTtl, messageId);
        }

        await LetTheTtlPassAsync(app, messageId);
        using var afterTtl = await app.ReplayAsync(delivery);

        Assert.Equal(HttpStatusCode.OK, afterTtl.StatusCode);
        Assert.DoesNotContain("duplicate", await afterTtl.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(2, app.Handled("/once/ttl").Count);
    }

    [Fact]
    public async Task VerifiedDelivery_WithoutAMessageId_Returns400AndTheHandlerDoesNotRun()
    {
        var app = await StartAsync();
        await PublishAsync(app.Url("/group/capture"), "{}");
        var fresh = Assert.Single(await app.AnsweredAsync("/group/capture"));

        using var response = await app.ReplayAsync(
            fresh,
            path: "/once/no-id",
            dropHeader: h => h.Equals("Upstash-Message-Id", StringComparison.OrdinalIgnoreCase));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"missing message id"}""", await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty(app.Handled("/once/no-id"));
    }

    [Fact]
    public async Task UnverifiedRequest_DoesNotClaimTheMessageId()
    {
        var app = await StartAsync();
        await PublishAsync(app.Url("/group/capture"), """{"a":1}""");
        var fresh = Assert.Single(await app.AnsweredAsync("/group/capture"));

        // A forged request with the real message id must not make the real delivery look like a duplicate.
        using var forged = await app.ReplayAsync(fresh, path: "/once/forged", body: """{"a":2}"""u8.ToArray());
        using var real = await app.ReplayAsync(fresh, path: "/once/forged");

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.Equal(["""{"a":1}"""], app.Handled("/once/forged").Select(h => h.Body));
    }

    protected Task<ReceiverApp> StartAsync(Action<HeraldIdempotencyOptions>? configure = null, TimeProvider? timeProvider = null)
    {
        var prefix = "herald-test:" + Guid.NewGuid().ToString("N") + ":";
        return StartReceiverAsync(
            services: services => UseStore(services.AddHeraldIdempotency(o =>
            {
                o.KeyPrefix = prefix;
                configure?.Invoke(o);
            })),
            timeProvider: timeProvider);
    }

    private static async Task AssertDuplicateAsync(HttpResponseMessage response, string messageId)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(json.RootElement.GetProperty("duplicate").GetBoolean());
        Assert.Equal(messageId, json.RootElement.GetProperty("messageId").GetString());
    }

    private Task WaitForStateAsync(string messageId, string state) =>
        Eventually.MatchAsync(
            async () => (await Client.Logs.ListPageAsync(new LogFilter { MessageIds = [messageId] }, cancellationToken: Ct)).Events.Select(e => e.State).ToList(),
            states => states.Contains(state),
            $"message {messageId} in state {state}");
}
