using System.Net;
using Herald.Contracts;
using Herald.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Herald.Server.Tests.Hosting;

/// <summary>
/// R36: another process holds SQLite's write lock for a while. Publishes answer 503 with an error and store nothing;
/// the dispatcher and the outcome writes wait it out; afterwards everything resumes without a restart, and the
/// outage costs no message an attempt.
/// </summary>
public sealed class BusyDatabaseTests : HeraldTestBase
{
    private static readonly TimeSpan LockHeld = TimeSpan.FromSeconds(3);

    protected override IReadOnlyDictionary<string, string?>? Configuration => new Dictionary<string, string?>
    {
        ["Storage:Sqlite:BusyTimeout"] = "00:00:01",
    };

    [Fact]
    public async Task ExternalWriteLock_RefusesPublishesWith503_ThenEverythingResumesWithoutLosingAttempts()
    {
        Receiver.Respond("/in-flight", new ReceiverResponse(200, "ok", Delay: TimeSpan.FromMilliseconds(500)));
        await Herald.WaitForStateAsync(await Herald.PublishAsync(Receiver.Url("/warm-up")), "DELIVERED");

        // Due while the lock is held (the dispatcher's claim must wait), and in flight when it is taken (its outcome
        // write must wait).
        var delayed = await Herald.PublishAsync(Receiver.Url("/delayed"), "{}", ("Upstash-Delay", "2s"));
        var inFlight = await Herald.PublishAsync(Receiver.Url("/in-flight"));

        using (var external = new SqliteConnection($"Data Source={Path.Combine(Herald.DataDirectory, "herald.db")};Pooling=False"))
        {
            external.Open();
            using (var begin = external.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                begin.ExecuteNonQuery();
            }

            var lockedAt = TimeProvider.System.GetTimestamp();
            using var refused = await Herald.SendPublishAsync(Receiver.Url("/refused"));
            var body = await refused.Content.ReadAsStringAsync(Ct);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Contains("\"error\"", body, StringComparison.Ordinal);

            // The write gave up after BusyTimeout (1 s), not after Microsoft.Data.Sqlite's own 30 s default.
            Assert.True(TimeProvider.System.GetElapsedTime(lockedAt) < LockHeld, "the refusal waited longer than the lock was held");

            var remaining = LockHeld - TimeProvider.System.GetElapsedTime(lockedAt);
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, Ct);
            }

            using var rollback = external.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        var after = await Herald.PublishAsync(Receiver.Url("/after"));

        var delayedEvents = await Herald.WaitForStateAsync(delayed, "DELIVERED");
        var inFlightEvents = await Herald.WaitForStateAsync(inFlight, "DELIVERED");
        await Herald.WaitForStateAsync(after, "DELIVERED");
        Assert.Equal(["CREATED", "ACTIVE", "DELIVERED"], delayedEvents.Select(e => e.State));
        Assert.Equal(["CREATED", "ACTIVE", "DELIVERED"], inFlightEvents.Select(e => e.State));
        Assert.Equal("0", Assert.Single(Receiver.For("/delayed")).Header("Upstash-Retried"));
        Assert.Single(Receiver.For("/in-flight"));
        Assert.Empty(Receiver.For("/refused"));
        var logs = await Herald.GetJsonAsync("/v2/events?count=1000", HeraldJson.Context.EventsResponse);
        Assert.DoesNotContain(logs.Events, e => e.Url?.Contains("/refused", StringComparison.Ordinal) == true);
    }
}
