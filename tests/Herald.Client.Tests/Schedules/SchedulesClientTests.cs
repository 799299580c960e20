using System.Net;
using Herald.Client.Publishing;
using Herald.Client.Schedules;
using Herald.Client.Tests.Support;

namespace Herald.Client.Tests.Schedules;

public sealed class SchedulesClientTests : ClientTestBase
{
    [Fact]
    public async Task CreateAsync_WithOptions_GetReturnsThem()
    {
        var id = await Client.Schedules.CreateAsync(new ScheduleRequest
        {
            Destination = Receiver.Url("/reports?kind=daily"),
            Cron = " CRON_TZ=Europe/Berlin 0 9 1 1 * ",
            ScheduleId = "daily-report",
            Queue = "reports",
            Body = "{\"report\":\"sales\"}"u8.ToArray(),
            ContentType = "application/json",
            Method = HttpMethod.Put,
            Delay = TimeSpan.FromSeconds(30),
            Retries = 5,
            RetryDelay = "1000 * (1 + retried)",
            Timeout = TimeSpan.FromMinutes(2),
            Callback = Receiver.Url("/cb"),
            CallbackOptions = new CallbackOptions { Retries = 1 },
            FailureCallback = Receiver.Url("/fcb"),
            Headers = new Dictionary<string, string> { ["X-Report"] = "daily" },
            FlowControl = new FlowControlOptions { Key = "reports", Rate = 5, Period = TimeSpan.FromHours(1) },
            Labels = ["reports", "daily"],
        }, Ct);

        var schedule = await Client.Schedules.GetAsync(id, Ct);

        Assert.Equal("daily-report", id);
        Assert.Equal("CRON_TZ=Europe/Berlin 0 9 1 1 *", schedule.Cron);
        Assert.Equal(Receiver.Url("/reports?kind=daily"), schedule.Destination);
        Assert.Equal("reports", schedule.QueueName);
        Assert.Equal("{\"report\":\"sales\"}", schedule.Body);
        Assert.Equal("PUT", schedule.Method);
        Assert.Equal(30, schedule.Delay);
        Assert.Equal(5, schedule.Retries);
        Assert.Equal("1000 * (1 + retried)", schedule.RetryDelayExpression);
        Assert.Equal(120, schedule.Timeout);
        Assert.Equal(Receiver.Url("/cb"), schedule.Callback);
        Assert.Equal(["1"], schedule.CallbackHeader!["Retries"]);
        Assert.Equal(Receiver.Url("/fcb"), schedule.FailureCallback);
        Assert.Equal(["daily"], schedule.Header!["X-Report"]);
        Assert.Equal(["application/json"], schedule.Header["Content-Type"]);
        Assert.Equal("reports", schedule.FlowControlKey);
        Assert.Equal(5, schedule.Rate);
        Assert.Equal(3600, schedule.Period);
        Assert.Equal(["reports", "daily"], schedule.Labels!);
        Assert.False(schedule.IsPaused);
        Assert.NotNull(schedule.NextScheduleTime);
    }

    [Fact]
    public async Task ListPauseResumeDelete_ManageTheSchedule()
    {
        var id = await Client.Schedules.CreateAsync(new ScheduleRequest { Destination = Receiver.Url("/tick"), Cron = "0 0 1 1 *" }, Ct);

        await Client.Schedules.PauseAsync(id, Ct);
        var paused = await Client.Schedules.GetAsync(id, Ct);
        await Client.Schedules.ResumeAsync(id, Ct);
        var resumed = await Client.Schedules.GetAsync(id, Ct);
        var listed = await Client.Schedules.ListAsync(Ct);
        await Client.Schedules.DeleteAsync(id, Ct);

        Assert.StartsWith("scd_", id, StringComparison.Ordinal);
        Assert.True(paused.IsPaused);
        Assert.Null(paused.NextScheduleTime);
        Assert.False(resumed.IsPaused);
        Assert.NotNull(resumed.NextScheduleTime);
        Assert.Equal(id, Assert.Single(listed).ScheduleId);
        Assert.Empty(await Client.Schedules.ListAsync(Ct));
        var error = await Assert.ThrowsAsync<HeraldApiException>(() => Client.Schedules.GetAsync(id, Ct));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        var again = await Assert.ThrowsAsync<HeraldApiException>(() => Client.Schedules.DeleteAsync(id, Ct));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task CreateAsync_InvalidCron_ThrowsHeraldApiExceptionWith400()
    {
        var error = await Assert.ThrowsAsync<HeraldApiException>(() =>
            Client.Schedules.CreateAsync(new ScheduleRequest { Destination = Receiver.Url("/x"), Cron = "every day" }, Ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("cron", error.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await Client.Schedules.ListAsync(Ct));
    }
}
