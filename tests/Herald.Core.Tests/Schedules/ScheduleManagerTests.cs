using Herald.Core.Publishing;
using Herald.Core.Schedules;

namespace Herald.Core.Tests.Schedules;

public sealed class ScheduleManagerTests
{
    private static readonly DateTimeOffset Noon = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_PublishHeaders_StoresOnlyTheValidatedConfiguration()
    {
        await using var harness = new ScheduleHarness(Noon.AddSeconds(10));

        var id = await harness.Manager.CreateAsync(ScheduleHarness.Tenant, ScheduleHarness.Input(
            "*/10 * * * * ",
            "https://example.com/hook?x=1",
            ("Authorization", "Bearer secret"),
            ("Accept", "*/*"),
            ("content-type", "application/json"),
            ("Upstash-Telemetry-Sdk", "upstash-qstash-js@2.12.0"),
            ("Upstash-Schedule-Id", "nightly-report"),
            ("Upstash-Queue-Name", "reports"),
            ("upstash-forward-test-header", "test-value"),
            ("Upstash-Forward-Bypass-Tunnel-Reminder", "client-test"),
            ("Upstash-Retries", "5"),
            ("upstash-delay", "10s"),
            ("Upstash-Callback", "https://example.com/cb"),
            ("Upstash-Callback-Forward-X-Cb", "1")), Ct);

        Assert.Equal("nightly-report", id);
        var stored = await harness.Store.GetAsync(ScheduleHarness.Tenant, id, Ct);
        Assert.NotNull(stored);
        Assert.Equal("*/10 * * * *", stored.Cron);
        Assert.Equal("https://example.com/hook?x=1", stored.Destination);
        Assert.Equal("reports", stored.QueueName);
        Assert.Equal("203.0.113.9", stored.CallerIp);
        Assert.Equal("{}"u8.ToArray(), stored.Body);
        Assert.Equal(Noon.AddSeconds(10), stored.CreatedAt);
        Assert.Equal(
            [
                new("Content-Type", "application/json"),
                new("Upstash-Forward-Test-Header", "test-value"),
                new("Upstash-Forward-Bypass-Tunnel-Reminder", "client-test"),
                new("Upstash-Retries", "5"),
                new("Upstash-Delay", "10s"),
                new("Upstash-Callback", "https://example.com/cb"),
                new KeyValuePair<string, string>("Upstash-Callback-Forward-X-Cb", "1"),
            ],
            stored.Headers);
    }

    [Fact]
    public async Task CreateAsync_NewSchedule_NextTickIsTheFirstOccurrenceAfterNowAndTheRunnerIsWoken()
    {
        await using var harness = new ScheduleHarness(Noon.AddSeconds(59.5));

        var id = await harness.Manager.CreateAsync(ScheduleHarness.Tenant, ScheduleHarness.Input("* * * * *"), Ct);

        Assert.StartsWith("scd_", id, StringComparison.Ordinal);
        Assert.Equal(26, id.Length);
        var stored = await harness.Store.GetAsync(ScheduleHarness.Tenant, id, Ct);
        Assert.Equal(Noon.AddMinutes(1), stored!.NextScheduleTime);
        Assert.False(stored.Paused);
        Assert.Null(stored.LastScheduleTime);
    }

    [Fact]
    public async Task CreateAsync_HeaderForward_StoresTheForwardedHeadersExplicitly()
    {
        await using var harness = new ScheduleHarness(Noon);

        var id = await harness.Manager.CreateAsync(ScheduleHarness.Tenant, ScheduleHarness.Input(
            "0 * * * *",
            "https://example.com/hook",
            ("Upstash-Header-Forward", "true"),
            ("X-Github-Event", "push"),
            ("Authorization", "Bearer secret")), Ct);

        var stored = await harness.Store.GetAsync(ScheduleHarness.Tenant, id, Ct);
        Assert.Equal([new KeyValuePair<string, string>("Upstash-Forward-X-Github-Event", "push")], stored!.Headers);
    }

    [Fact]
    public async Task CreateAsync_ExistingId_ReplacesEverySettingAndDropsTheBody()
    {
        await using var harness = new ScheduleHarness(Noon);
        await harness.Manager.CreateAsync(ScheduleHarness.Tenant, ScheduleHarness.Input("*/5 * * * *", "https://initial.example.com", ("Upstash-Schedule-Id", "job"), ("Upstash-Retries", "7")), Ct);
        Assert.True(await harness.Manager.SetPausedAsync(ScheduleHarness.Tenant, "job", paused: true, Ct));
        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        var input = ScheduleHarness.Input("0 0 * * *", "https://updated.example.com", ("Upstash-Schedule-Id", "job")) with { Body = [] };
        Assert.Equal("job", await harness.Manager.CreateAsync(ScheduleHarness.Tenant, input, Ct));

        var stored = Assert.Single(await harness.Store.ListAsync(ScheduleHarness.Tenant, Ct));
        Assert.Equal("job", stored.Id);
        Assert.Equal("https://updated.example.com", stored.Destination);
        Assert.Equal("0 0 * * *", stored.Cron);
        Assert.Null(stored.Body);
        Assert.Empty(stored.Headers);
        Assert.False(stored.Paused);
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 0, 0, 0, TimeSpan.Zero), stored.NextScheduleTime);
    }

    [Theory]
    [InlineData("Upstash-Retries", "many", "invalid Upstash-Retries")]
    [InlineData("Upstash-Method", "FETCH", "invalid Upstash-Method")]
    [InlineData("Upstash-Delay", "soon", "invalid Upstash-Delay")]
    [InlineData("Upstash-Retry-Delay", "pow(", "invalid Upstash-Retry-Delay")]
    [InlineData("Upstash-Flow-Control-Value", "parallelism=2", "needs Upstash-Flow-Control-Key")]
    [InlineData("Upstash-Callback", "not-a-url", "invalid Upstash-Callback")]
    [InlineData("Upstash-Forward-Host", "evil", "cannot be forwarded")]
    [InlineData("Upstash-Not-Before", "1900000000", "not supported on schedules")]
    [InlineData("Upstash-Deduplication-Id", "d1", "not supported on schedules")]
    [InlineData("Upstash-Content-Based-Deduplication", "true", "not supported on schedules")]
    [InlineData("Upstash-Schedule-Id", "no spaces", "invalid schedule id")]
    [InlineData("Upstash-Queue-Name", "bad/queue", "invalid queue name")]
    public async Task CreateAsync_BadHeader_ThrowsAndStoresNothing(string name, string value, string reason)
    {
        await using var harness = new ScheduleHarness(Noon);

        var error = await Assert.ThrowsAsync<PublishRejectedException>(
            () => harness.Manager.CreateAsync(ScheduleHarness.Tenant, ScheduleHarness.Input("* * * * *", "https://example.com/hook", (name, value)), Ct));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.Store.ListAsync(ScheduleHarness.Tenant, Ct));
    }

    [Theory]
    [InlineData("", "Upstash-Cron is required")]
    [InlineData("* * * * * *", "seconds are not supported")]
    [InlineData("0 0 31 2 *", "never fires")]
    [InlineData("CRON_TZ=Nowhere/Land 0 9 * * *", "unknown time zone")]
    public async Task CreateAsync_BadCron_ThrowsAndStoresNothing(string cron, string reason)
    {
        await using var harness = new ScheduleHarness(Noon);

        var error = await Assert.ThrowsAsync<PublishRejectedException>(
            () => harness.Manager.CreateAsync(ScheduleHarness.Tenant, ScheduleHarness.Input(cron), Ct));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.Store.ListAsync(ScheduleHarness.Tenant, Ct));
    }

    [Fact]
    public async Task CreateAsync_InvalidDestination_Throws()
    {
        await using var harness = new ScheduleHarness(Noon);

        await Assert.ThrowsAsync<PublishRejectedException>(
            () => harness.Manager.CreateAsync(ScheduleHarness.Tenant, ScheduleHarness.Input("* * * * *", "ftp://example.com/x"), Ct));
        await Assert.ThrowsAsync<PublishRejectedException>(
            () => harness.Manager.CreateAsync(ScheduleHarness.Tenant, ScheduleHarness.Input("* * * * *", "bad group name!"), Ct));
        Assert.Empty(await harness.Store.ListAsync(ScheduleHarness.Tenant, Ct));
    }

    [Fact]
    public async Task SetPausedAsync_ResumeAfterMissedTicks_NextTickCountsFromNow()
    {
        await using var harness = new ScheduleHarness(Noon);
        var id = await harness.Manager.CreateAsync(ScheduleHarness.Tenant, ScheduleHarness.Input("*/15 * * * *"), Ct);
        Assert.True(await harness.Manager.SetPausedAsync(ScheduleHarness.Tenant, id, paused: true, Ct));
        Assert.True(await harness.Manager.SetPausedAsync(ScheduleHarness.Tenant, id, paused: true, Ct));
        harness.Clock.Advance(TimeSpan.FromMinutes(50));

        Assert.True(await harness.Manager.SetPausedAsync(ScheduleHarness.Tenant, id, paused: false, Ct));
        Assert.True(await harness.Manager.SetPausedAsync(ScheduleHarness.Tenant, id, paused: false, Ct));

        var stored = await harness.Store.GetAsync(ScheduleHarness.Tenant, id, Ct);
        Assert.False(stored!.Paused);
        Assert.Equal(Noon.AddHours(1), stored.NextScheduleTime);
        Assert.False(await harness.Manager.SetPausedAsync(ScheduleHarness.Tenant, "scd_unknown", paused: false, Ct));
        Assert.False(await harness.Manager.SetPausedAsync(ScheduleHarness.Tenant, "scd_unknown", paused: true, Ct));
    }

    [Fact]
    public async Task Describe_StoredHeaders_ShowsTheMessageSettingsWithDelayAndTimeoutInSeconds()
    {
        await using var harness = new ScheduleHarness(Noon);
        var id = await harness.Manager.CreateAsync(ScheduleHarness.Tenant, ScheduleHarness.Input(
            "* * * * *",
            "https://example.com/hook",
            ("Upstash-Method", "PUT"),
            ("Upstash-Delay", "1m30s"),
            ("Upstash-Timeout", "45s"),
            ("Upstash-Flow-Control-Key", "customer-1"),
            ("Upstash-Flow-Control-Value", "parallelism=2"),
            ("Upstash-Label", "a,b")), Ct);
        var stored = await harness.Store.GetAsync(ScheduleHarness.Tenant, id, Ct);

        var settings = harness.Manager.Describe(stored!);

        Assert.Null(settings.Problem);
        Assert.Equal("PUT", settings.Spec.Method);
        Assert.Equal(90, settings.DelaySeconds);
        Assert.Equal(45, settings.TimeoutSeconds);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.Spec.FlowControl!.Period);
        Assert.Equal(["a", "b"], settings.Spec.Labels);
    }

    [Fact]
    public async Task Describe_SettingsNoLongerValid_ReportsTheProblemInsteadOfThrowing()
    {
        await using var harness = new ScheduleHarness(Noon);
        var schedule = new Schedule
        {
            TenantId = ScheduleHarness.Tenant,
            Id = "old",
            Cron = "* * * * *",
            Destination = "https://example.com/hook",
            Headers = [new("Upstash-Retries", "500")],
            CreatedAt = Noon,
        };

        var settings = harness.Manager.Describe(schedule);

        Assert.Contains("invalid Upstash-Retries", settings.Problem, StringComparison.Ordinal);
        Assert.Equal("POST", settings.Spec.Method);
        Assert.Equal(3, settings.Spec.MaxRetries);
    }
}
