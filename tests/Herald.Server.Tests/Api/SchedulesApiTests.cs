using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Herald.Contracts;
using Herald.Contracts.Wire;
using Herald.Core.Delivery;
using Herald.Core.Schedules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Server.Tests.Api;

/// <summary>
/// <c>/v2/schedules</c> against a real Herald and a real receiver, on a fake clock: ticks fire when the test advances
/// the clock, so a minute of cron time takes no real time.
/// </summary>
public sealed class SchedulesApiTests : IAsyncLifetime
{
    // Thirty seconds before a minute boundary.
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 30, TimeSpan.Zero);
    private static readonly DateTimeOffset FirstTick = new(2030, 1, 1, 12, 1, 0, TimeSpan.Zero);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "herald-schedules-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(Start);
    private LoopbackReceiver _receiver = null!;
    private TestHerald _herald = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _receiver = await LoopbackReceiver.StartAsync();
        _herald = await StartHeraldAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _herald.DisposeAsync();
        await _receiver.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Create_EveryMinute_EachTickIsDeliveredWithTheScheduleIdAndTheCreatorsIp()
    {
        var id = await CreateAsync(_receiver.Url("/tick?src=cron"), "tick-body", ("Upstash-Cron", "* * * * *"), ("Content-Type", "text/plain"), ("Upstash-Forward-X-Test", "yes"));
        Assert.StartsWith("scd_", id, StringComparison.Ordinal);
        Assert.Equal(FirstTick.ToUnixTimeMilliseconds(), (await GetAsync(id)).NextScheduleTime);

        await AdvanceAsync(TimeSpan.FromSeconds(30));
        var first = Assert.Single(await WaitForDeliveriesAsync("/tick", 1));

        Assert.Equal("/tick?src=cron", first.PathAndQuery);
        Assert.Equal(id, first.Header("Upstash-Schedule-Id"));
        Assert.Equal("127.0.0.1", first.Header("Upstash-Caller-Ip"));
        Assert.Equal("yes", first.Header("X-Test"));
        Assert.Equal("text/plain", first.Header("Content-Type"));
        Assert.Equal("tick-body", Encoding.UTF8.GetString(first.Body));
        var afterFirst = await WaitForStatesAsync(id, "SUCCESS");
        Assert.Equal(FirstTick.ToUnixTimeMilliseconds(), afterFirst.LastScheduleTime);
        Assert.Equal(FirstTick.AddMinutes(1).ToUnixTimeMilliseconds(), afterFirst.NextScheduleTime);
        Assert.Equal(first.Header("Upstash-Message-Id"), Assert.Single(afterFirst.LastScheduleStates!).Key);

        await AdvanceAsync(TimeSpan.FromMinutes(1));
        var both = await WaitForDeliveriesAsync("/tick", 2);

        Assert.Equal(2, both.Select(r => r.Header("Upstash-Message-Id")).Distinct().Count());
        var events = await _herald.GetJsonAsync($"/v2/events?scheduleId={id}&state=DELIVERED", HeraldJson.Context.EventsResponse);
        Assert.Equal(2, events.Events.Count);
    }

    [Fact]
    public async Task Create_WithDelay_EachMessageIsDueTheDelayAfterItsTick()
    {
        var id = await CreateAsync(_receiver.Url("/delayed"), "d", ("Upstash-Cron", "* * * * *"), ("Upstash-Delay", "30s"));

        await AdvanceAsync(TimeSpan.FromSeconds(30));
        var schedule = await WaitForStatesAsync(id, "IN_PROGRESS");
        var messageId = Assert.Single(schedule.LastScheduleStates!).Key;
        var message = await _herald.GetJsonAsync($"/v2/messages/{messageId}", HeraldJson.Context.MessageResponse);

        Assert.Equal(FirstTick.AddSeconds(30).ToUnixTimeMilliseconds(), message.NotBefore);
        Assert.Equal(id, message.ScheduleId);
        Assert.Equal("127.0.0.1", message.CallerIp);
        Assert.Empty(_receiver.For("/delayed"));

        await AdvanceAsync(TimeSpan.FromSeconds(30));
        var delivered = Assert.Single(await WaitForDeliveriesAsync("/delayed", 1));
        Assert.Equal(messageId, delivered.Header("Upstash-Message-Id"));
    }

    [Fact]
    public async Task Create_UrlGroupDestination_FansOutAtEachTickAndRecordsAnErrorOnceTheGroupIsGone()
    {
        await _herald.SendJsonAsync(HttpMethod.Post, "/v2/topics/team/endpoints", $"{{\"endpoints\":[{{\"url\":\"{_receiver.Url("/a")}\"}},{{\"url\":\"{_receiver.Url("/b")}\"}}]}}");
        var id = await CreateAsync("team", "fan-out", ("Upstash-Cron", "* * * * *"));

        await AdvanceAsync(TimeSpan.FromSeconds(30));
        await WaitForDeliveriesAsync("/a", 1);
        await WaitForDeliveriesAsync("/b", 1);
        Assert.Equal(id, _receiver.For("/a")[0].Header("Upstash-Schedule-Id"));
        Assert.Equal("team", _receiver.For("/b")[0].Header("Upstash-Topic-Name"));
        Assert.Equal(2, (await WaitForStatesAsync(id, "SUCCESS", count: 2)).LastScheduleStates!.Count);

        await _herald.SendJsonAsync(HttpMethod.Delete, "/v2/topics/team", "{}");
        await AdvanceAsync(TimeSpan.FromMinutes(1));
        var failed = await WaitForScheduleAsync(id, s => s.LastScheduleTime == FirstTick.AddMinutes(1).ToUnixTimeMilliseconds());

        Assert.Equal("URL group 'team' not found", failed.Error);
        Assert.Null(failed.LastScheduleStates);
        Assert.Equal(FirstTick.AddMinutes(2).ToUnixTimeMilliseconds(), failed.NextScheduleTime);
        Assert.Single(_receiver.For("/a"));
    }

    [Fact]
    public async Task Create_QueueName_EveryTickIsEnqueued()
    {
        var id = await CreateAsync(_receiver.Url("/queued"), "q", ("Upstash-Cron", "* * * * *"), ("Upstash-Queue-Name", "nightly"));

        await AdvanceAsync(TimeSpan.FromSeconds(30));
        await WaitForDeliveriesAsync("/queued", 1);

        var messageId = Assert.Single((await WaitForStatesAsync(id, "SUCCESS")).LastScheduleStates!).Key;
        var message = await _herald.GetJsonAsync($"/v2/messages/{messageId}", HeraldJson.Context.MessageResponse);
        Assert.Equal("nightly", message.QueueName);
        Assert.Equal("nightly", (await _herald.GetJsonAsync("/v2/queues/nightly", HeraldJson.Context.QueueResponse)).Name);
    }

    [Fact]
    public async Task Get_EveryOption_ReturnsTheScheduleShapeOfTheApi()
    {
        var destination = _receiver.Url("/shape?x=1");
        var id = await CreateAsync(
            destination,
            "{\"hello\":\"world\"}",
            ("Upstash-Cron", "*/10 * * * * "),
            ("Content-Type", "application/json"),
            ("Upstash-Forward-test-header", "test-value"),
            ("Upstash-Forward-bypass-tunnel-reminder", "client-test"),
            ("Upstash-Telemetry-Sdk", "upstash-qstash-js@2.12.0"),
            ("Upstash-Method", "GET"),
            ("Upstash-Delay", "10s"),
            ("Upstash-Retries", "5"),
            ("Upstash-Retry-Delay", "pow(2, retried) * 1000"),
            ("Upstash-Timeout", "45s"),
            ("Upstash-Callback", "https://example.com"),
            ("Upstash-Failure-Callback", "https://example.com/failure"),
            ("Upstash-Callback-Forward-X-Cb", "cb"),
            ("Upstash-Queue-Name", "scheduleQueue"),
            ("Upstash-Flow-Control-Key", "customer-1"),
            ("Upstash-Flow-Control-Value", "parallelism=2, rate=5"),
            ("Upstash-Label", "first,second"));

        var json = await GetRawAsync($"/v2/schedules/{id}");
        var schedule = JsonSerializer.Deserialize(json, HeraldJson.Context.ScheduleResponse)!;

        Assert.Equal(id, schedule.ScheduleId);
        Assert.Equal("*/10 * * * *", schedule.Cron);
        Assert.Equal(destination, schedule.Destination);
        Assert.Equal(Start.ToUnixTimeMilliseconds(), schedule.CreatedAt);
        Assert.Equal("GET", schedule.Method);
        Assert.Equal(["Content-Type", "Test-Header", "Bypass-Tunnel-Reminder"], schedule.Header!.Keys);
        Assert.Equal(["application/json"], schedule.Header["Content-Type"]);
        Assert.Equal(["test-value"], schedule.Header["Test-Header"]);
        Assert.Equal(["client-test"], schedule.Header["Bypass-Tunnel-Reminder"]);
        Assert.Equal("{\"hello\":\"world\"}", schedule.Body);
        Assert.Equal(5, schedule.Retries);
        Assert.Equal(10, schedule.Delay);
        Assert.Equal(45, schedule.Timeout);
        Assert.Equal("https://example.com", schedule.Callback);
        Assert.Equal("https://example.com/failure", schedule.FailureCallback);
        Assert.Equal(["cb"], schedule.CallbackHeader!["Forward-X-Cb"]);
        Assert.Equal("127.0.0.1", schedule.CallerIp);
        Assert.Equal("127.0.0.1", schedule.CallerIpUpper);
        Assert.False(schedule.IsPaused);
        Assert.Equal("scheduleQueue", schedule.QueueName);
        Assert.Equal("customer-1", schedule.FlowControlKey);
        Assert.Equal(2, schedule.Parallelism);
        Assert.Equal(5, schedule.Rate);
        Assert.Equal(1, schedule.Period);
        Assert.Equal("pow(2, retried) * 1000", schedule.RetryDelayExpression);
        Assert.Equal("first", schedule.Label);
        Assert.Equal(["first", "second"], schedule.Labels!);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 12, 10, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), schedule.NextScheduleTime);
        using var document = JsonDocument.Parse(json);
        var keys = document.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Contains("callerIP", keys);
        Assert.Contains("callerIp", keys);
        Assert.DoesNotContain("bodyBase64", keys);
        Assert.DoesNotContain("lastScheduleTime", keys);
        Assert.DoesNotContain("lastScheduleStates", keys);
        Assert.DoesNotContain("error", keys);
    }

    [Fact]
    public async Task Get_Defaults_RetriesAndMethodPresentAndNothingElseInvented()
    {
        var id = await CreateAsync(_receiver.Url("/plain"), "", ("Upstash-Cron", "0 0 * * *"));

        using var document = JsonDocument.Parse(await GetRawAsync($"/v2/schedules/{id}"));
        var root = document.RootElement;

        Assert.Equal(3, root.GetProperty("retries").GetInt32());
        Assert.Equal("POST", root.GetProperty("method").GetString());
        Assert.False(root.GetProperty("isPaused").GetBoolean());
        foreach (var absent in new[] { "body", "bodyBase64", "delay", "timeout", "callback", "queueName", "flowControlKey", "period", "label", "labels", "retryDelayExpression", "error" })
        {
            Assert.False(root.TryGetProperty(absent, out _), $"'{absent}' should be absent");
        }
    }

    [Fact]
    public async Task Create_NonUtf8Body_GetReturnsBodyBase64()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/schedules/" + _receiver.Url("/bin")) { Content = new ByteArrayContent([0xff, 0xfe, 0x00, 0x01]) };
        request.Headers.Add("Upstash-Cron", "0 0 * * *");
        using var response = await _herald.Client.SendAsync(request, Ct);
        var id = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), HeraldJson.Context.ScheduleCreateResponse)!.ScheduleId;

        var schedule = await GetAsync(id);

        Assert.Null(schedule.Body);
        Assert.Equal(Convert.ToBase64String([0xff, 0xfe, 0x00, 0x01]), schedule.BodyBase64);
    }

    [Theory]
    [InlineData(null, "Upstash-Cron is required")]
    [InlineData("* * * * * *", "seconds are not supported")]
    [InlineData("61 * * * *", "invalid Upstash-Cron")]
    [InlineData("CRON_TZ=Mars/Base * * * * *", "unknown time zone 'Mars/Base'")]
    public async Task Create_BadCron_Returns400AndStoresNothing(string? cron, string reason)
    {
        var headers = cron is null ? Array.Empty<(string, string)>() : [("Upstash-Cron", cron)];

        using var response = await SendCreateAsync(_receiver.Url("/x"), "{}", headers);

        await AssertRejectedAsync(response, reason);
    }

    [Theory]
    [InlineData("Upstash-Retries", "many", "invalid Upstash-Retries")]
    [InlineData("Upstash-Schedule-Id", "has space", "invalid schedule id")]
    [InlineData("Upstash-Queue-Name", "bad/name", "invalid queue name")]
    [InlineData("Upstash-Forward-Host", "evil.example.com", "cannot be forwarded")]
    [InlineData("Upstash-Not-Before", "1900000000", "not supported on schedules")]
    [InlineData("Upstash-Deduplication-Id", "d-1", "not supported on schedules")]
    [InlineData("Upstash-Flow-Control-Value", "rate=5", "needs Upstash-Flow-Control-Key")]
    public async Task Create_BadPublishHeader_Returns400AndStoresNothing(string name, string value, string reason)
    {
        using var response = await SendCreateAsync(_receiver.Url("/x"), "{}", ("Upstash-Cron", "* * * * *"), (name, value));

        await AssertRejectedAsync(response, reason);
    }

    [Fact]
    public async Task Create_NoDestination_Returns400()
    {
        using var response = await SendCreateAsync("", "{}", ("Upstash-Cron", "* * * * *"));

        await AssertRejectedAsync(response, "destination is missing");
    }

    [Fact]
    public async Task Create_SameScheduleId_ReplacesEverySettingAndDropsTheBody()
    {
        Assert.Equal("my-job_1.x", await CreateAsync("https://initial.example.com", "my-payload", ("Upstash-Cron", "*/5 * * * *"), ("Upstash-Schedule-Id", "my-job_1.x"), ("Upstash-Retries", "7"), ("Upstash-Forward-X-Old", "1")));
        using (var pause = await _herald.Client.PatchAsync("/v2/schedules/my-job_1.x/pause", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        }

        Assert.Equal("my-job_1.x", await CreateAsync("https://updated.example.com", "", ("Upstash-Cron", "0 * * * *"), ("Upstash-Schedule-Id", "my-job_1.x")));

        var schedule = Assert.Single(await ListAsync());
        Assert.Equal("my-job_1.x", schedule.ScheduleId);
        Assert.Equal("https://updated.example.com", schedule.Destination);
        Assert.Equal("0 * * * *", schedule.Cron);
        Assert.Null(schedule.Body);
        Assert.Equal(3, schedule.Retries);
        Assert.False(schedule.Header?.ContainsKey("X-Old") ?? false);
        Assert.False(schedule.IsPaused);
    }

    [Fact]
    public async Task PauseAndResume_PatchOrPostAnyCase_ToggleIsPausedIdempotentlyAndPausedDoesNotFire()
    {
        var id = await CreateAsync(_receiver.Url("/paused"), "p", ("Upstash-Cron", "* * * * *"));

        await SendAsync(HttpMethod.Patch, $"/v2/schedules/{id}/pause", HttpStatusCode.OK);
        await SendAsync(HttpMethod.Post, $"/V2/Schedules/{id}/Pause", HttpStatusCode.OK);
        var paused = await GetAsync(id);
        Assert.True(paused.IsPaused);
        Assert.Null(paused.NextScheduleTime);

        await AdvanceAsync(TimeSpan.FromMinutes(2));
        await SendAsync(HttpMethod.Post, $"/v2/schedules/{id}/resume", HttpStatusCode.OK);
        await SendAsync(HttpMethod.Patch, $"/v2/schedules/{id}/resume", HttpStatusCode.OK);
        var resumed = await GetAsync(id);
        Assert.False(resumed.IsPaused);
        Assert.Equal(FirstTick.AddMinutes(2).ToUnixTimeMilliseconds(), resumed.NextScheduleTime);
        Assert.Null(resumed.LastScheduleTime);
        Assert.Empty(_receiver.For("/paused"));

        await AdvanceAsync(TimeSpan.FromSeconds(30));
        await WaitForDeliveriesAsync("/paused", 1);
        Assert.Equal(FirstTick.AddMinutes(2).ToUnixTimeMilliseconds(), (await GetAsync(id)).LastScheduleTime);
    }

    [Fact]
    public async Task UnknownSchedule_GetDeletePauseResume_Return404()
    {
        await SendAsync(HttpMethod.Get, "/v2/schedules/scd_unknown", HttpStatusCode.NotFound);
        await SendAsync(HttpMethod.Delete, "/v2/schedules/scd_unknown", HttpStatusCode.NotFound);
        await SendAsync(HttpMethod.Patch, "/v2/schedules/scd_unknown/pause", HttpStatusCode.NotFound);
        await SendAsync(HttpMethod.Post, "/v2/schedules/scd_unknown/resume", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_Known_GoneFromGetAndListAndStopsFiring()
    {
        var id = await CreateAsync(_receiver.Url("/deleted"), "x", ("Upstash-Cron", "* * * * *"));
        var kept = await CreateAsync(_receiver.Url("/kept"), "x", ("Upstash-Cron", "* * * * *"));

        await SendAsync(HttpMethod.Delete, $"/v2/schedules/{id}", HttpStatusCode.OK);

        await SendAsync(HttpMethod.Get, $"/v2/schedules/{id}", HttpStatusCode.NotFound);
        await SendAsync(HttpMethod.Delete, $"/v2/schedules/{id}", HttpStatusCode.NotFound);
        Assert.Equal([kept], (await ListAsync()).Select(s => s.ScheduleId));
        await AdvanceAsync(TimeSpan.FromSeconds(30));
        await WaitForDeliveriesAsync("/kept", 1);
        Assert.Empty(_receiver.For("/deleted"));
    }

    [Fact]
    public async Task List_TwoTenants_EachSeesOnlyItsOwn()
    {
        var mine = await CreateAsync(_receiver.Url("/mine"), "", ("Upstash-Cron", "0 0 * * *"));
        using var other = _herald.ClientFor(TestHerald.OtherDevToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/schedules/" + _receiver.Url("/theirs"));
        request.Headers.Add("Upstash-Cron", "0 0 * * *");
        using var created = await other.SendAsync(request, Ct);
        var theirs = JsonSerializer.Deserialize(await created.Content.ReadAsStringAsync(Ct), HeraldJson.Context.ScheduleCreateResponse)!.ScheduleId;

        Assert.Equal([mine], (await ListAsync()).Select(s => s.ScheduleId));
        await SendAsync(HttpMethod.Get, $"/v2/schedules/{theirs}", HttpStatusCode.NotFound);
        using var theirList = await other.GetAsync("/v2/schedules", Ct);
        var list = JsonSerializer.Deserialize(await theirList.Content.ReadAsStringAsync(Ct), HeraldJson.Context.ListScheduleResponse)!;
        Assert.Equal([theirs], list.Select(s => s.ScheduleId));
    }

    [Fact]
    public async Task Restart_TicksMissedWhileDown_FireOnceAtStartThenFromTheNextTickAfterNow()
    {
        var id = await CreateAsync(_receiver.Url("/missed"), "m", ("Upstash-Cron", "* * * * *"));
        await _herald.DisposeAsync();

        // Down for ten minutes: ten ticks are missed.
        _clock.Advance(TimeSpan.FromMinutes(10));
        _herald = await StartHeraldAsync();

        var caughtUp = Assert.Single(await WaitForDeliveriesAsync("/missed", 1));
        Assert.Equal(id, caughtUp.Header("Upstash-Schedule-Id"));
        var schedule = await WaitForStatesAsync(id, "SUCCESS");
        Assert.Equal(Start.AddMinutes(10).ToUnixTimeMilliseconds(), schedule.LastScheduleTime);
        Assert.Equal(FirstTick.AddMinutes(10).ToUnixTimeMilliseconds(), schedule.NextScheduleTime);

        await AdvanceAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, (await WaitForDeliveriesAsync("/missed", 2)).Count);
    }

    private async Task<TestHerald> StartHeraldAsync() =>
        await TestHerald.StartAsync(services: s => s.AddSingleton<TimeProvider>(_clock), dataDirectory: _dataDirectory);

    /// <summary>
    /// Moves the fake clock, then makes the runner and the dispatcher look again at once: a sleep that began just
    /// before the move would otherwise wait out its full interval on the fake clock.
    /// </summary>
    private Task AdvanceAsync(TimeSpan by)
    {
        _clock.Advance(by);
        Kick();
        return Task.CompletedTask;
    }

    private void Kick()
    {
        _herald.Service<ScheduleRunner>().Wake();
        _herald.Service<IDeliverySignal>().MessagesStored(DateTimeOffset.MinValue);
    }

    private async Task<IReadOnlyList<ReceivedRequest>> WaitForDeliveriesAsync(string path, int count)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(15);
        while (_receiver.For(path).Count < count)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"{path} got {_receiver.For(path).Count} of {count} deliveries");
            Kick();
            await Task.Delay(20, Ct);
        }

        return _receiver.For(path);
    }

    private async Task<ScheduleResponse> WaitForStatesAsync(string id, string state, int count = 1) =>
        await WaitForScheduleAsync(id, s => s.LastScheduleStates is { } states && states.Count == count && states.Values.All(v => v == state));

    private async Task<ScheduleResponse> WaitForScheduleAsync(string id, Func<ScheduleResponse, bool> condition)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(15);
        while (true)
        {
            var schedule = await GetAsync(id);
            if (condition(schedule))
            {
                return schedule;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"schedule {id} did not reach the expected state: {JsonSerializer.Serialize(schedule, HeraldJson.Context.ScheduleResponse)}");
            Kick();
            await Task.Delay(20, Ct);
        }
    }

    private async Task<string> CreateAsync(string destination, string body, params (string Name, string Value)[] headers)
    {
        using var response = await SendCreateAsync(destination, body, headers);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"create failed: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize(text, HeraldJson.Context.ScheduleCreateResponse)!.ScheduleId;
    }

    private async Task<HttpResponseMessage> SendCreateAsync(string destination, string body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/schedules/" + destination) { Content = new StringContent(body) };
        request.Content.Headers.ContentType = null;
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await _herald.Client.SendAsync(request, Ct);
    }

    private async Task AssertRejectedAsync(HttpResponseMessage response, string reason)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, JsonSerializer.Deserialize(text, HeraldJson.Context.ErrorResponse)!.Error, StringComparison.Ordinal);
        Assert.Empty(await ListAsync());
    }

    private async Task SendAsync(HttpMethod method, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await _herald.Client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        if (expected == HttpStatusCode.NotFound)
        {
            Assert.Contains("not found", JsonSerializer.Deserialize(text, HeraldJson.Context.ErrorResponse)!.Error, StringComparison.Ordinal);
        }
    }

    private Task<ScheduleResponse> GetAsync(string id) => _herald.GetJsonAsync($"/v2/schedules/{id}", HeraldJson.Context.ScheduleResponse);

    private Task<List<ScheduleResponse>> ListAsync() => _herald.GetJsonAsync("/v2/schedules", HeraldJson.Context.ListScheduleResponse);

    private async Task<string> GetRawAsync(string path)
    {
        using var response = await _herald.Client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
