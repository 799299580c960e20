using System.Text;
using Herald.Contracts;
using Herald.Server.Tests.Support;

namespace Herald.Server.Tests.Delivery;

public sealed class RetryTests : HeraldTestBase
{
    protected override IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>
    {
        ["Delivery:MaxResponseBodySize"] = "1KiB",
    };

    [Fact]
    public async Task AlwaysFailing_RetriesTheConfiguredNumberOfTimesThenDeadLetters()
    {
        Receiver.Respond("/fail", new ReceiverResponse(500, "boom"));
        var id = await Herald.PublishAsync(Receiver.Url("/fail"), "x", ("Upstash-Retries", "2"), ("Upstash-Retry-Delay", "50"));

        var attempts = await Receiver.WaitForCountAsync("/fail", 3);
        var logs = await Herald.WaitForStateAsync(id, "FAILED");

        var mine = attempts.Where(r => r.PathAndQuery == "/fail").ToList();
        Assert.Equal(["0", "1", "2"], mine.Select(r => r.Header("Upstash-Retried")));
        Assert.All(mine, r => Assert.Equal(id, r.Header("Upstash-Message-Id")));
        Assert.Equal(
            ["CREATED", "ACTIVE", "ERROR", "RETRY", "ACTIVE", "ERROR", "RETRY", "ACTIVE", "ERROR", "FAILED"],
            logs.Select(e => e.State));
        var error = logs.First(e => e.State == "ERROR");
        Assert.Equal(500, error.ResponseStatus);
        Assert.Equal("http_status", error.ErrorCategory);
        Assert.Equal("boom", Encoding.UTF8.GetString(Convert.FromBase64String(error.ResponseBody!)));

        var dlq = await Herald.GetJsonAsync($"/v2/dlq?messageId={id}", HeraldJson.Context.DlqListResponse);
        var entry = Assert.Single(dlq.Messages);
        Assert.Equal(500, entry.ResponseStatus);
        Assert.Equal("boom", entry.ResponseBody);
        Assert.Equal(2, entry.MaxRetries);
        Assert.Equal("50", entry.RetryDelayExpression);

        await Task.Delay(300, Ct);
        Assert.Equal(3, Receiver.For("/fail").Count);
    }

    [Fact]
    public async Task NonRetryable489_GoesStraightToTheDlq()
    {
        Receiver.Respond("/stop", new ReceiverResponse(489, "do not retry", new Dictionary<string, string> { ["Upstash-NonRetryable-Error"] = "true" }));
        var id = await Herald.PublishAsync(Receiver.Url("/stop"), "x", ("Upstash-Retries", "3"), ("Upstash-Retry-Delay", "0"));

        await Herald.WaitForStateAsync(id, "FAILED");
        await Task.Delay(300, Ct);
        Assert.Single(Receiver.For("/stop"));
    }

    [Fact]
    public async Task RetryAfter_DelaysTheNextAttemptByWhatTheDestinationAsked()
    {
        Receiver.Respond("/limited", r => r.AttemptForPath == 1
            ? new ReceiverResponse(429, "slow down", new Dictionary<string, string> { ["Retry-After"] = "2" })
            : ReceiverResponse.Ok);
        var id = await Herald.PublishAsync(Receiver.Url("/limited"), "x", ("Upstash-Retries", "1"), ("Upstash-Retry-Delay", "0"));

        var attempts = (await Receiver.WaitForCountAsync("/limited", 2)).Where(r => r.PathAndQuery == "/limited").ToList();
        Assert.True(attempts[1].ReceivedAt - attempts[0].ReceivedAt >= TimeSpan.FromSeconds(1.9), "the retry came before Retry-After allowed");
        var logs = await Herald.WaitForStateAsync(id, "DELIVERED");
        var retry = logs.Single(e => e.State == "RETRY");
        Assert.InRange(retry.NextDeliveryTime!.Value - retry.Time, 1900, 2100);
    }

    [Fact]
    public async Task RetryDelayExpression_SchedulesFromTheExpression()
    {
        Receiver.Respond("/expr", new ReceiverResponse(503));
        var id = await Herald.PublishAsync(Receiver.Url("/expr"), "x", ("Upstash-Retries", "1"), ("Upstash-Retry-Delay", "max(1500, pow(2, retried) * 10)"));

        var logs = await Herald.WaitForStateAsync(id, "RETRY");
        var retry = logs.Single(e => e.State == "RETRY");
        Assert.InRange(retry.NextDeliveryTime!.Value - retry.Time, 1490, 1600);
    }

    [Fact]
    public async Task DefaultBackoff_FirstRetryAboutTwelveSecondsLater()
    {
        Receiver.Respond("/default", new ReceiverResponse(500));
        var id = await Herald.PublishAsync(Receiver.Url("/default"), "x");

        var logs = await Herald.WaitForStateAsync(id, "RETRY");
        var retry = logs.Single(e => e.State == "RETRY");
        Assert.InRange(retry.NextDeliveryTime!.Value - retry.Time, 12_100, 12_300);
        Assert.Equal(3, retry.MaxRetries);
    }

    [Fact]
    public async Task SlowDestination_TimesOutAtTheMessageTimeout()
    {
        Receiver.Respond("/slow", new ReceiverResponse(200, "late", Delay: TimeSpan.FromSeconds(10)));
        var id = await Herald.PublishAsync(Receiver.Url("/slow"), "x", ("Upstash-Timeout", "1s"), ("Upstash-Retries", "0"));

        var logs = await Herald.WaitForStateAsync(id, "FAILED", TimeSpan.FromSeconds(8));
        var error = logs.Single(e => e.State == "ERROR");
        Assert.Equal("timeout", error.ErrorCategory);
        Assert.InRange(error.Latency!.Value, 900, 3000);
    }

    [Fact]
    public async Task ClosedPort_IsClassifiedAsConnectionRefused()
    {
        var id = await Herald.PublishAsync("http://127.0.0.1:1/nothing", "x", ("Upstash-Retries", "0"));

        var logs = await Herald.WaitForStateAsync(id, "FAILED");
        Assert.Equal("connection_refused", logs.Single(e => e.State == "ERROR").ErrorCategory);
        var dlq = await Herald.GetJsonAsync($"/v2/dlq?messageId={id}", HeraldJson.Context.DlqListResponse);
        Assert.Equal(0, Assert.Single(dlq.Messages).ResponseStatus);
    }

    [Fact]
    public async Task Redirect_IsAFailureAndIsNotFollowed()
    {
        Receiver.Respond("/moved", new ReceiverResponse(302, "", new Dictionary<string, string> { ["Location"] = Receiver.Url("/canary") }));
        var id = await Herald.PublishAsync(Receiver.Url("/moved"), "x", ("Upstash-Retries", "0"));

        var logs = await Herald.WaitForStateAsync(id, "FAILED");
        Assert.Equal(302, logs.Single(e => e.State == "ERROR").ResponseStatus);
        Assert.Empty(Receiver.For("/canary"));
    }

    [Fact]
    public async Task LargeResponseBody_IsStoredCapped()
    {
        Receiver.Respond("/big", new ReceiverResponse(500, new string('x', 10_000)));
        var id = await Herald.PublishAsync(Receiver.Url("/big"), "x", ("Upstash-Retries", "0"));

        await Herald.WaitForStateAsync(id, "FAILED");
        var dlq = await Herald.GetJsonAsync($"/v2/dlq?messageId={id}", HeraldJson.Context.DlqListResponse);
        Assert.Equal(1024, Assert.Single(dlq.Messages).ResponseBody!.Length);
    }
}
