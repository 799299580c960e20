using Herald.Core.Messages;
using Herald.Core.Schedules;
using Herald.Core.Storage;

namespace Herald.Testing.Storage;

public abstract partial class HeraldStoreComplianceTests
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task ScheduleUpsertAsync_NewSchedule_GetAsyncRoundTripsEveryField()
    {
        var schedule = NewSchedule(TenantA, "scd_full", T0 + TickInterval) with
        {
            Cron = "CRON_TZ=Europe/Berlin */10 * * * *",
            Destination = "https://Receiver.Example.com:8443/hooks/full?x=1&y=%20z",
            QueueName = "queue-1",
            Headers =
            [
                new("Content-Type", "application/octet-stream"),
                new("Upstash-Forward-X-Multi", "one"),
                new("Upstash-Forward-X-Multi", "two, with comma"),
                new("Upstash-Forward-X-Unicode", "caf\u00e9 \u2713"),
                new("Upstash-Retries", "5"),
            ],
            Body = [0xFF, 0xFE, 0x00, 0x80, 0x0A],
            CallerIp = "203.0.113.7",
        };

        Assert.False(await Store.Schedules.UpsertAsync(schedule, Ct));

        var stored = await Store.Schedules.GetAsync(TenantA, "scd_full", Ct);
        Assert.NotNull(stored);
        Assert.Equal(TenantA, stored.TenantId);
        Assert.Equal("scd_full", stored.Id);
        Assert.Equal(schedule.Cron, stored.Cron);
        Assert.Equal(schedule.Destination, stored.Destination);
        Assert.Equal("queue-1", stored.QueueName);
        Assert.Equal(schedule.Headers, stored.Headers);
        Assert.Equal(schedule.Body, stored.Body);
        Assert.Equal("203.0.113.7", stored.CallerIp);
        Assert.Equal(schedule.CreatedAt, stored.CreatedAt);
        Assert.False(stored.Paused);
        Assert.Equal(T0 + TickInterval, stored.NextScheduleTime);
        Assert.Null(stored.LastScheduleTime);
        Assert.Empty(stored.LastMessageIds);
        Assert.Empty(stored.LastScheduleStates);
        Assert.Null(stored.Error);
    }

    [Fact]
    public async Task ScheduleUpsertAsync_NoBody_ReadsBackAsNull()
    {
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "empty", T0) with { Body = [] }, Ct);
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "none", T0) with { Body = null }, Ct);

        Assert.Null((await Store.Schedules.GetAsync(TenantA, "empty", Ct))!.Body);
        Assert.Null((await Store.Schedules.GetAsync(TenantA, "none", Ct))!.Body);
    }

    [Fact]
    public async Task ScheduleUpsertAsync_ExistingId_ReplacesEverySettingAndTheRunHistory()
    {
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "job", T0) with { Body = "payload"u8.ToArray(), QueueName = "q" }, Ct);
        await FireSchedulesAsync(T0, (s, now) => ScheduleTickOf(s, now, now + TickInterval, messages: 1));
        await Store.Schedules.SetPausedAsync(TenantA, "job", paused: true, null, Ct);

        var replacement = NewSchedule(TenantA, "job", T0 + TimeSpan.FromHours(1)) with
        {
            Cron = "0 * * * *",
            Destination = "https://updated.example.com/",
            Headers = [new("Upstash-Method", "PUT")],
            CreatedAt = T0 + TickInterval,
            Body = null,
        };
        Assert.True(await Store.Schedules.UpsertAsync(replacement, Ct));

        var stored = Assert.Single(await Store.Schedules.ListAsync(TenantA, Ct));
        Assert.Equal("0 * * * *", stored.Cron);
        Assert.Equal("https://updated.example.com/", stored.Destination);
        Assert.Null(stored.QueueName);
        Assert.Null(stored.Body);
        Assert.Equal(replacement.Headers, stored.Headers);
        Assert.Equal(T0 + TickInterval, stored.CreatedAt);
        Assert.False(stored.Paused);
        Assert.Equal(T0 + TimeSpan.FromHours(1), stored.NextScheduleTime);
        Assert.Null(stored.LastScheduleTime);
        Assert.Empty(stored.LastMessageIds);
        Assert.Empty(stored.LastScheduleStates);
    }

    [Fact]
    public async Task ScheduleGetAsync_OtherTenantOrUnknownId_ReturnsNull()
    {
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "mine", T0), Ct);

        Assert.Null(await Store.Schedules.GetAsync(TenantB, "mine", Ct));
        Assert.Null(await Store.Schedules.GetAsync(TenantA, "other", Ct));
        Assert.False(await Store.Schedules.DeleteAsync(TenantB, "mine", Ct));
        Assert.False(await Store.Schedules.SetPausedAsync(TenantB, "mine", paused: true, null, Ct));
        Assert.NotNull(await Store.Schedules.GetAsync(TenantA, "mine", Ct));
    }

    [Fact]
    public async Task ScheduleListAsync_TenantSchedules_OldestFirstAndOnlyTheTenants()
    {
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "second", T0) with { CreatedAt = T0 + TickInterval }, Ct);
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "first", T0) with { CreatedAt = T0 }, Ct);
        await Store.Schedules.UpsertAsync(NewSchedule(TenantB, "theirs", T0), Ct);

        var list = await Store.Schedules.ListAsync(TenantA, Ct);

        Assert.Equal(["first", "second"], list.Select(s => s.Id));
        Assert.Empty(await Store.Schedules.ListAsync("tenant-none", Ct));
    }

    [Fact]
    public async Task ScheduleDeleteAsync_Known_RemovesItButNotItsMessages()
    {
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "job", T0), Ct);
        var fired = await FireSchedulesAsync(T0, (s, now) => ScheduleTickOf(s, now, now + TickInterval, messages: 1));

        Assert.True(await Store.Schedules.DeleteAsync(TenantA, "job", Ct));
        Assert.False(await Store.Schedules.DeleteAsync(TenantA, "job", Ct));

        Assert.Null(await Store.Schedules.GetAsync(TenantA, "job", Ct));
        Assert.Empty(await Store.Schedules.ListAsync(TenantA, Ct));
        Assert.Null(await Store.Schedules.NextFireTimeAsync(Ct));
        Assert.NotNull(await Store.Messages.GetAsync(TenantA, Assert.Single(fired).Messages[0].Id, Ct));
    }

    [Fact]
    public async Task ScheduleSetPausedAsync_Paused_KeepsItsNextTickButNeverFires()
    {
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "job", T0), Ct);

        Assert.True(await Store.Schedules.SetPausedAsync(TenantA, "job", paused: true, null, Ct));
        Assert.True(await Store.Schedules.SetPausedAsync(TenantA, "job", paused: true, null, Ct));

        var paused = await Store.Schedules.GetAsync(TenantA, "job", Ct);
        Assert.True(paused!.Paused);
        Assert.Equal(T0, paused.NextScheduleTime);
        Assert.Null(await Store.Schedules.NextFireTimeAsync(Ct));
        Assert.Empty(await FireSchedulesAsync(T0 + TimeSpan.FromHours(1), NeverBuilt));
    }

    [Fact]
    public async Task ScheduleSetPausedAsync_Resume_SetsTheNextTickOnlyWhenItWasPaused()
    {
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "running", T0), Ct);
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "paused", T0) with { Paused = true }, Ct);

        Assert.True(await Store.Schedules.SetPausedAsync(TenantA, "running", paused: false, T0 + TimeSpan.FromHours(5), Ct));
        Assert.True(await Store.Schedules.SetPausedAsync(TenantA, "paused", paused: false, T0 + TimeSpan.FromHours(2), Ct));

        Assert.Equal(T0, (await Store.Schedules.GetAsync(TenantA, "running", Ct))!.NextScheduleTime);
        var resumed = await Store.Schedules.GetAsync(TenantA, "paused", Ct);
        Assert.False(resumed!.Paused);
        Assert.Equal(T0 + TimeSpan.FromHours(2), resumed.NextScheduleTime);
        Assert.Equal(T0, await Store.Schedules.NextFireTimeAsync(Ct));
    }

    [Fact]
    public async Task ScheduleFireDueAsync_DueSchedule_CommitsItsMessagesAndNewTimesTogether()
    {
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "job", T0), Ct);

        var fired = await FireSchedulesAsync(T0 + TimeSpan.FromSeconds(2), (s, now) => ScheduleTickOf(s, now, T0 + TickInterval, messages: 2));

        var tick = Assert.Single(fired);
        Assert.Equal("job", tick.Schedule.Id);
        foreach (var message in tick.Messages)
        {
            var stored = await Store.Messages.GetAsync(TenantA, message.Id, Ct);
            Assert.NotNull(stored);
            Assert.Equal("job", stored.Spec.ScheduleId);
            Assert.Equal([MessageState.Created], await EventStatesAsync(TenantA, message.Id));
        }

        var schedule = await Store.Schedules.GetAsync(TenantA, "job", Ct);
        Assert.Equal(T0 + TimeSpan.FromSeconds(2), schedule!.LastScheduleTime);
        Assert.Equal(T0 + TickInterval, schedule.NextScheduleTime);
        Assert.Equal(tick.Messages.Select(m => m.Id), schedule.LastMessageIds);
        Assert.Equal(tick.Messages.ToDictionary(m => m.Id, _ => ScheduleMessageState.InProgress), schedule.LastScheduleStates);
        Assert.Null(schedule.Error);
        Assert.Equal(T0 + TickInterval, await Store.Schedules.NextFireTimeAsync(Ct));
        Assert.Empty(await FireSchedulesAsync(T0 + TimeSpan.FromSeconds(59), NeverBuilt));
    }

    [Fact]
    public async Task ScheduleFireDueAsync_SchedulesOfEveryTenant_FireEarliestFirstUpToTheLimit()
    {
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "late", T0), Ct);
        await Store.Schedules.UpsertAsync(NewSchedule(TenantB, "early", T0 - TickInterval), Ct);
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "earliest", T0 - (2 * TickInterval)), Ct);
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "future", T0 + TickInterval), Ct);
        var built = new List<string>();

        var fired = await Store.Schedules.FireDueAsync(T0, 2, (s, ct) =>
        {
            built.Add(s.Id);
            return Task.FromResult(ScheduleTickOf(s, T0, T0 + TimeSpan.FromHours(1), messages: 1));
        }, Ct);

        Assert.Equal(["earliest", "early"], built);
        Assert.Equal(["earliest", "early"], fired.Select(t => t.Schedule.Id));
        Assert.NotNull(await Store.Messages.GetAsync(TenantB, fired[1].Messages[0].Id, Ct));
        Assert.Equal(T0, await Store.Schedules.NextFireTimeAsync(Ct));
    }

    [Fact]
    public async Task ScheduleFireDueAsync_ScheduleReplacedWhileTheTickWasBuilt_CommitsNothing()
    {
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "job", T0), Ct);

        var fired = await FireSchedulesAsync(T0, async (s, now) =>
        {
            // Same next tick, new settings: only the change itself may win.
            await Store.Schedules.UpsertAsync(s with { Destination = "https://replaced.example.com/" }, Ct);
            return ScheduleTickOf(s, now, now + TickInterval, messages: 1);
        });

        Assert.Empty(fired);
        await AssertNoScheduledMessagesAsync(TenantA);
        var schedule = await Store.Schedules.GetAsync(TenantA, "job", Ct);
        Assert.Equal("https://replaced.example.com/", schedule!.Destination);
        Assert.Equal(T0, schedule.NextScheduleTime);
        Assert.Null(schedule.LastScheduleTime);
    }

    [Fact]
    public async Task ScheduleFireDueAsync_SchedulePausedWhileTheTickWasBuilt_CommitsNothing()
    {
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "job", T0), Ct);

        var fired = await FireSchedulesAsync(T0, async (s, now) =>
        {
            await Store.Schedules.SetPausedAsync(TenantA, "job", paused: true, null, Ct);
            return ScheduleTickOf(s, now, now + TickInterval, messages: 1);
        });

        Assert.Empty(fired);
        await AssertNoScheduledMessagesAsync(TenantA);
        Assert.Null((await Store.Schedules.GetAsync(TenantA, "job", Ct))!.LastScheduleTime);
    }

    [Fact]
    public async Task ScheduleFireDueAsync_ScheduleDeletedWhileTheTickWasBuilt_CommitsNothing()
    {
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "job", T0), Ct);

        var fired = await FireSchedulesAsync(T0, async (s, now) =>
        {
            await Store.Schedules.DeleteAsync(TenantA, "job", Ct);
            return ScheduleTickOf(s, now, now + TickInterval, messages: 1);
        });

        Assert.Empty(fired);
        await AssertNoScheduledMessagesAsync(TenantA);
        Assert.Null(await Store.Schedules.GetAsync(TenantA, "job", Ct));
    }

    [Fact]
    public async Task ScheduleFireDueAsync_AnotherFirerCommittedTheTickFirst_TheTickFiresOnce()
    {
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "job", T0), Ct);
        IReadOnlyList<ScheduleTick> inner = [];

        // A second node fires the same tick while this one is still building it.
        var outer = await FireSchedulesAsync(T0, async (s, now) =>
        {
            inner = await FireSchedulesAsync(T0, (s2, now2) => ScheduleTickOf(s2, now2, now2 + TickInterval, messages: 1));
            return ScheduleTickOf(s, now, now + TickInterval, messages: 1);
        });

        Assert.Empty(outer);
        var tick = Assert.Single(inner);
        var events = await AllEventsAsync(TenantA, new QueryFilter { ScheduleIds = ["job"] });
        Assert.Equal([tick.Messages[0].Id], events.Select(e => e.MessageId));
        Assert.Equal([tick.Messages[0].Id], (await Store.Schedules.GetAsync(TenantA, "job", Ct))!.LastMessageIds);
    }

    [Fact]
    public async Task ScheduleFireDueAsync_TickWithError_RecordsItAndAdvancesAndTheNextGoodTickClearsIt()
    {
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "job", T0), Ct);

        var failed = await FireSchedulesAsync(T0, (s, now) => new ScheduleTick(s, now, now + TickInterval, [], "URL group 'gone' not found"));

        Assert.Single(failed);
        var schedule = await Store.Schedules.GetAsync(TenantA, "job", Ct);
        Assert.Equal("URL group 'gone' not found", schedule!.Error);
        Assert.Equal(T0, schedule.LastScheduleTime);
        Assert.Equal(T0 + TickInterval, schedule.NextScheduleTime);
        Assert.Empty(schedule.LastMessageIds);
        Assert.Empty(schedule.LastScheduleStates);

        await FireSchedulesAsync(T0 + TickInterval, (s, now) => ScheduleTickOf(s, now, now + TickInterval, messages: 1));

        var recovered = await Store.Schedules.GetAsync(TenantA, "job", Ct);
        Assert.Null(recovered!.Error);
        Assert.Single(recovered.LastMessageIds);
    }

    [Fact]
    public async Task ScheduleFireDueAsync_NoFurtherOccurrence_ScheduleStaysButNeverFiresAgain()
    {
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "once", T0), Ct);

        await FireSchedulesAsync(T0, (s, now) => ScheduleTickOf(s, now, null, messages: 1));

        var schedule = await Store.Schedules.GetAsync(TenantA, "once", Ct);
        Assert.Null(schedule!.NextScheduleTime);
        Assert.Null(await Store.Schedules.NextFireTimeAsync(Ct));
        Assert.Empty(await FireSchedulesAsync(T0 + TimeSpan.FromDays(365), NeverBuilt));
    }

    [Fact]
    public async Task ScheduleGetAsync_LastScheduleStates_FollowTheMessagesOfTheLastTick()
    {
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "job", T0), Ct);
        var tick = Assert.Single(await FireSchedulesAsync(T0, (s, now) => ScheduleTickOf(s, now, now + TickInterval, messages: 3)));
        var claims = await Store.Messages.ClaimDueAsync(T0, 100, Margin, Ct);
        var claimed = tick.Messages.Select(m => claims.Messages.Single(c => c.Message.Id == m.Id)).ToList();

        await Store.Messages.CompleteAsync(
            [
                Completions.Delivered(claimed[0], T0),
                Completions.Failed(claimed[1], T0, MessageFactory.NewDlqId()),
                Completions.Retry(claimed[2], T0, T0 + TickInterval),
            ],
            Ct);

        var expected = new Dictionary<string, ScheduleMessageState>
        {
            [tick.Messages[0].Id] = ScheduleMessageState.Success,
            [tick.Messages[1].Id] = ScheduleMessageState.Fail,
            [tick.Messages[2].Id] = ScheduleMessageState.InProgress,
        };
        Assert.Equal(expected, (await Store.Schedules.GetAsync(TenantA, "job", Ct))!.LastScheduleStates);
        Assert.Equal(expected, Assert.Single(await Store.Schedules.ListAsync(TenantA, Ct)).LastScheduleStates);
    }

    [Fact]
    public async Task ScheduleGetAsync_CancelledMessageOfTheLastTick_IsFail()
    {
        await Store.Schedules.UpsertAsync(NewSchedule(TenantA, "job", T0), Ct);
        var tick = Assert.Single(await FireSchedulesAsync(T0, (s, now) => ScheduleTickOf(s, now, now + TickInterval, messages: 1)));

        await Store.Messages.CancelAsync(TenantA, new QueryFilter { MessageIds = [tick.Messages[0].Id] }, null, T0, Ct);

        Assert.Equal(ScheduleMessageState.Fail, (await Store.Schedules.GetAsync(TenantA, "job", Ct))!.LastScheduleStates[tick.Messages[0].Id]);
    }

    /// <summary>A schedule of <paramref name="tenantId"/> due at <paramref name="next"/>.</summary>
    protected static Schedule NewSchedule(string tenantId, string id, DateTimeOffset next) => new()
    {
        TenantId = tenantId,
        Id = id,
        Cron = "* * * * *",
        Destination = MessageFactory.DefaultUrl,
        Headers = [new("Content-Type", "text/plain")],
        Body = "hello"u8.ToArray(),
        CreatedAt = T0 - TimeSpan.FromHours(1),
        NextScheduleTime = next,
    };

    /// <summary>A tick of <paramref name="schedule"/> with <paramref name="messages"/> fresh messages due at <paramref name="firedAt"/>.</summary>
    protected static ScheduleTick ScheduleTickOf(Schedule schedule, DateTimeOffset firedAt, DateTimeOffset? next, int messages)
    {
        var created = Enumerable.Range(0, messages)
            .Select(_ => MessageFactory.Message(schedule.TenantId, firedAt, MessageFactory.Spec(firedAt) with { ScheduleId = schedule.Id }))
            .ToList();
        return new ScheduleTick(schedule, firedAt, next, created, null);
    }

    /// <summary>Fires what is due at <paramref name="now"/>, building each tick with <paramref name="build"/>.</summary>
    protected Task<IReadOnlyList<ScheduleTick>> FireSchedulesAsync(DateTimeOffset now, Func<Schedule, DateTimeOffset, ScheduleTick> build) =>
        Store.Schedules.FireDueAsync(now, 100, (s, _) => Task.FromResult(build(s, now)), Ct);

    /// <summary>Fires what is due at <paramref name="now"/>, building each tick with an asynchronous <paramref name="build"/>.</summary>
    protected Task<IReadOnlyList<ScheduleTick>> FireSchedulesAsync(DateTimeOffset now, Func<Schedule, DateTimeOffset, Task<ScheduleTick>> build) =>
        Store.Schedules.FireDueAsync(now, 100, (s, _) => build(s, now), Ct);

    /// <summary>A tick builder for schedules that must not fire.</summary>
    private static ScheduleTick NeverBuilt(Schedule schedule, DateTimeOffset now) =>
        throw new InvalidOperationException($"schedule {schedule.Id} was fired at {now:O} although it must not fire");

    private async Task AssertNoScheduledMessagesAsync(string tenantId)
    {
        Assert.Empty(await AllEventsAsync(tenantId));
        Assert.Empty((await Store.Messages.ClaimDueAsync(T0 + TimeSpan.FromDays(1), 100, Margin, Ct)).Messages);
    }
}
