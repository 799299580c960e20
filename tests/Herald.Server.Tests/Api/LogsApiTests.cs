using System.Net;
using System.Text;
using System.Text.Json;
using Herald.Contracts;
using Herald.Server.Tests.Support;

namespace Herald.Server.Tests.Api;

public sealed class LogsApiTests : HeraldTestBase
{
    [Fact]
    public async Task Events_ForADeliveredMessage_ShowEveryTransitionOnceNewestFirst()
    {
        var id = await Herald.PublishAsync(Receiver.Url("/ok"), "{\"k\":1}", ("Upstash-Label", "audit"));
        await Herald.WaitForStateAsync(id, "DELIVERED");

        var events = await Herald.GetJsonAsync($"/v2/events?messageId={id}", HeraldJson.Context.EventsResponse);
        Assert.Equal(["DELIVERED", "ACTIVE", "CREATED"], events.Events.Select(e => e.State));
        var delivered = events.Events[0];
        Assert.Equal(200, delivered.ResponseStatus);
        Assert.Equal("{\"k\":1}", Encoding.UTF8.GetString(Convert.FromBase64String(delivered.Body!)));
        Assert.Equal("audit", delivered.Label);
        Assert.Equal(["application/json"], delivered.Header!["Content-Type"]);
        Assert.Null(events.Cursor);
    }

    [Fact]
    public async Task Logs_UseTheLogsKeyAndPaginateWithNumericCursors()
    {
        for (var i = 0; i < 3; i++)
        {
            await Herald.PublishAsync(Receiver.Url("/later"), "x", ("Upstash-Delay", "1h"));
        }

        using var first = await Herald.Client.GetAsync("/v2/logs?count=2", Ct);
        var text = await first.Content.ReadAsStringAsync(Ct);
        var page = JsonSerializer.Deserialize(text, HeraldJson.Context.LogsResponse)!;
        Assert.Equal(2, page.Logs.Count);
        Assert.True(long.TryParse(page.Cursor, out _), "cursor should look numeric");

        var second = await Herald.GetJsonAsync($"/v2/logs?count=2&cursor={page.Cursor}", HeraldJson.Context.LogsResponse);
        Assert.Single(second.Logs);
        Assert.Null(second.Cursor);
        Assert.Empty(page.Logs.Select(l => l.MessageId).Intersect(second.Logs.Select(l => l.MessageId)));
    }

    [Fact]
    public async Task Events_Filters_ByStateLabelHostPathAndInProgress()
    {
        var red = await Herald.PublishAsync(Receiver.Url("/path-a"), "x", ("Upstash-Label", "red"), ("Upstash-Delay", "1h"));
        var blue = await Herald.PublishAsync("http://localhost:1/path-b", "x", ("Upstash-Label", "blue"), ("Upstash-Delay", "1h"));

        Assert.Equal([red], await MessageIdsAsync("label=red"));
        Assert.Equal(new[] { red, blue }.Order(StringComparer.Ordinal), (await MessageIdsAsync("label=red&label=blue")).Order(StringComparer.Ordinal));
        Assert.Equal([blue], await MessageIdsAsync("host=localhost"));
        Assert.Equal([red], await MessageIdsAsync("path=/path-a"));
        Assert.Equal(2, (await MessageIdsAsync("state=CREATED")).Count);
        Assert.Empty(await MessageIdsAsync("state=IN_PROGRESS"));
        Assert.Empty(await MessageIdsAsync("state=CANCELLED"));
        using var bad = await Herald.Client.GetAsync("/v2/events?state=NOPE", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Events_RedactedFields_NeverShowTheSecret()
    {
        var id = await Herald.PublishAsync(
            Receiver.Url("/secret"),
            "top-secret-body",
            ("Upstash-Forward-Authorization", "Bearer top-secret-token"),
            ("Upstash-Redact-Fields", "body, header[Authorization]"));
        await Herald.WaitForStateAsync(id, "DELIVERED");

        using var response = await Herald.Client.GetAsync($"/v2/events?messageId={id}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("top-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("top-secret-body")), text, StringComparison.Ordinal);
        var message = await Herald.GetJsonAsync($"/v2/messages/{id}", HeraldJson.Context.MessageResponse);
        Assert.StartsWith("REDACTED:", message.Body, StringComparison.Ordinal);
        Assert.StartsWith("REDACTED:", message.Header!["Authorization"][0], StringComparison.Ordinal);

        var received = Assert.Single(Receiver.For("/secret"));
        Assert.Equal("Bearer top-secret-token", received.Header("Authorization"));
        Assert.Equal("top-secret-body", Encoding.UTF8.GetString(received.Body));
    }

    private async Task<List<string>> MessageIdsAsync(string query) =>
        (await Herald.GetJsonAsync("/v2/events?" + query, HeraldJson.Context.EventsResponse)).Events.Select(e => e.MessageId).Distinct().ToList();
}
