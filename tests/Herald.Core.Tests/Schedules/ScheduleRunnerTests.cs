using Herald.Core.Schedules;

namespace Herald.Core.Tests.Schedules;

public sealed class ScheduleRunnerTests
{
    private static readonly DateTimeOffset Noon = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_NewSchedule_FiresAtItsFirstTickWithoutArmingDelay()
    {
        await using var harness = new ScheduleHarness(Noon.AddSeconds(59));
        await harness.StartAsync();

        var id = await harness.Manager.CreateAsync(ScheduleHarness.Tenant, ScheduleHarness.Input("* * * * *"), Ct);
        await harness.WaitForSleepAsync();
        await harness.AdvanceAsync(TimeSpan.FromSeconds(1));

        var tick = Assert.Single(harness.Store.Committed);
        Assert.Equal(id, tick.Schedule.Id);
        Assert.Equal(Noon.AddMinutes(1), tick.FiredAt);
        Assert.Equal(Noon.AddMinutes(2), tick.NextScheduleTime);
        var stored = await harness.Store.GetAsync(ScheduleHarness.Tenant, id, Ct);
        Assert.Equal(Noon.AddMinutes(1), stored!.LastScheduleTime);
        Assert.Equal(Noon.AddMinutes(2), stored.NextScheduleTime);
        Assert.Equal([tick.Messages[0].Id], stored.LastMessageIds);
    }

    [Fact]
    public async Task RunAsync_NextTickPassedWhileDown_FiresOnceNowThenFromTheFirstTickAfterNow()
    {
        await using var harness = new ScheduleHarness(Noon.AddSeconds(30));
        await harness.Store.UpsertAsync(Schedule("missed", "* * * * *", next: Noon.AddMinutes(-10)), Ct);

        await harness.StartAsync();

        var catchUp = Assert.Single(harness.Store.Committed);
        Assert.Equal(Noon.AddSeconds(30), catchUp.FiredAt);
        Assert.Equal(Noon.AddMinutes(1), catchUp.NextScheduleTime);

        await harness.AdvanceAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([Noon.AddSeconds(30), Noon.AddMinutes(1)], harness.Store.Committed.Select(t => t.FiredAt));
    }

    [Fact]
    public async Task RunAsync_PausedSchedule_DoesNotFireAndResumeStartsFromNow()
    {
        await using var harness = new ScheduleHarness(Noon.AddSeconds(30));
        await harness.StartAsync();
        var id = await harness.Manager.CreateAsync(ScheduleHarness.Tenant, ScheduleHarness.Input("* * * * *"), Ct);
        await harness.WaitForSleepAsync();
        Assert.True(await harness.Manager.SetPausedAsync(ScheduleHarness.Tenant, id, paused: true, Ct));

        await harness.AdvanceAsync(TimeSpan.FromMinutes(3));
        Assert.Empty(harness.Store.Committed);

        Assert.True(await harness.Manager.SetPausedAsync(ScheduleHarness.Tenant, id, paused: false, Ct));
        await harness.WaitForSleepAsync();
        var resumed = await harness.Store.GetAsync(ScheduleHarness.Tenant, id, Ct);
        Assert.Equal(Noon.AddMinutes(4), resumed!.NextScheduleTime);

        await harness.AdvanceAsync(TimeSpan.FromSeconds(30));

        var tick = Assert.Single(harness.Store.Committed);
        Assert.Equal(Noon.AddMinutes(4), tick.FiredAt);
    }

    [Fact]
    public async Task RunAsync_ScheduleCreatedWhileAsleep_WakesAndSleepsUntilTheNewTick()
    {
        await using var harness = new ScheduleHarness(Noon.AddSeconds(58));
        await harness.StartAsync();

        // Without the wake-up the runner would sleep its full idle interval (10 s) and fire late.
        await harness.Manager.CreateAsync(ScheduleHarness.Tenant, ScheduleHarness.Input("* * * * *"), Ct);
        await harness.WaitForSleepAsync();
        await harness.AdvanceAsync(TimeSpan.FromSeconds(2));

        var tick = Assert.Single(harness.Store.Committed);
        Assert.Equal(Noon.AddMinutes(1), tick.FiredAt);
    }

    [Fact]
    public async Task RunAsync_StoreFails_BacksOffAndFiresAfterwards()
    {
        await using var harness = new ScheduleHarness(Noon);
        await harness.Store.UpsertAsync(Schedule("due", "* * * * *", next: Noon), Ct);
        harness.Store.FailNextFire = 2;

        await harness.StartAsync();
        Assert.Empty(harness.Store.Committed);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Empty(harness.Store.Committed);
        await harness.AdvanceAsync(TimeSpan.FromSeconds(2));

        var tick = Assert.Single(harness.Store.Committed);
        Assert.Equal(Noon.AddSeconds(3), tick.FiredAt);
        Assert.Equal(Noon.AddMinutes(1), tick.NextScheduleTime);
    }

    [Fact]
    public async Task FireDueAsync_MessagesCannotBeBuilt_RecordsTheErrorAndKeepsTicking()
    {
        await using var harness = new ScheduleHarness(Noon);
        await harness.Store.UpsertAsync(Schedule("group", "* * * * *", next: Noon, destination: "gone"), Ct);
        harness.Factory.Failure = s => new NotFoundException($"URL group '{s.Destination}' not found");

        Assert.Equal(1, await harness.Runner.FireDueAsync(Ct));

        var failed = await harness.Store.GetAsync(ScheduleHarness.Tenant, "group", Ct);
        Assert.Equal("URL group 'gone' not found", failed!.Error);
        Assert.Equal(Noon.AddMinutes(1), failed.NextScheduleTime);
        Assert.Empty(failed.LastMessageIds);
        Assert.Empty(harness.Signal.Signals);

        harness.Factory.Failure = _ => null;
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await harness.Runner.FireDueAsync(Ct));

        var recovered = await harness.Store.GetAsync(ScheduleHarness.Tenant, "group", Ct);
        Assert.Null(recovered!.Error);
        Assert.Single(recovered.LastMessageIds);
    }

    [Fact]
    public async Task FireDueAsync_InvalidPublishSettings_RecordsTheRejection()
    {
        await using var harness = new ScheduleHarness(Noon);
        await harness.Store.UpsertAsync(Schedule("bad", "* * * * *", next: Noon), Ct);
        harness.Factory.Failure = _ => new Herald.Core.Publishing.PublishRejectedException("invalid Upstash-Retries '99'");

        await harness.Runner.FireDueAsync(Ct);

        var stored = await harness.Store.GetAsync(ScheduleHarness.Tenant, "bad", Ct);
        Assert.Equal("invalid Upstash-Retries '99'", stored!.Error);
        Assert.Equal(Noon.AddMinutes(1), stored.NextScheduleTime);
    }

    [Fact]
    public async Task FireDueAsync_StoredMessages_WakeDeliveryAtTheEarliestDueTime()
    {
        await using var harness = new ScheduleHarness(Noon);
        harness.Factory.Delay = TimeSpan.FromSeconds(10);
        await harness.Store.UpsertAsync(Schedule("a", "* * * * *", next: Noon), Ct);
        await harness.Store.UpsertAsync(Schedule("b", "*/5 * * * *", next: Noon.AddSeconds(-1)), Ct);

        Assert.Equal(2, await harness.Runner.FireDueAsync(Ct));

        Assert.Equal([Noon.AddSeconds(10)], harness.Signal.Signals);
        Assert.All(harness.Store.Committed, t => Assert.Equal(Noon.AddSeconds(10), Assert.Single(t.Messages).Spec.NotBefore));
        Assert.Equal(0, await harness.Runner.FireDueAsync(Ct));
    }

    [Fact]
    public async Task FireDueAsync_NothingDue_FiresNothing()
    {
        await using var harness = new ScheduleHarness(Noon);
        await harness.Store.UpsertAsync(Schedule("later", "* * * * *", next: Noon.AddSeconds(1)), Ct);
        await harness.Store.UpsertAsync(Schedule("paused", "* * * * *", next: Noon.AddMinutes(-1)) with { Paused = true }, Ct);

        Assert.Equal(0, await harness.Runner.FireDueAsync(Ct));
        Assert.Empty(harness.Signal.Signals);
    }

    private static Schedule Schedule(string id, string cron, DateTimeOffset next, string destination = "https://example.com/hook") => new()
    {
        TenantId = ScheduleHarness.Tenant,
        Id = id,
        Cron = cron,
        Destination = destination,
        Headers = [],
        CreatedAt = Noon.AddHours(-1),
        NextScheduleTime = next,
    };
}
