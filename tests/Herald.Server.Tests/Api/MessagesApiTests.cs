using System.Net;
using System.Text.Json;
using Herald.Contracts;
using Herald.Server.Tests.Support;

namespace Herald.Server.Tests.Api;

public sealed class MessagesApiTests : HeraldTestBase
{
    [Fact]
    public async Task Get_DelayedMessage_ReturnsEverythingThatWasPublished()
    {
        var before = TimeProvider.System.GetUtcNow();
        var id = await Herald.PublishAsync(
            Receiver.Url("/m?x=1"),
            "{\"a\":1}",
            ("Upstash-Delay", "1h"),
            ("Upstash-Retries", "5"),
            ("Upstash-Retry-Delay", "1000 * (1 + retried)"),
            ("Upstash-Timeout", "45s"),
            ("Upstash-Label", "orders,priority"),
            ("Upstash-Forward-bypass-tunnel-reminder", "yes"),
            ("Upstash-Flow-Control-Key", "customer-1"),
            ("Upstash-Flow-Control-Value", "rate=5, period=1d, parallelism=2"));

        var message = await Herald.GetJsonAsync($"/v2/messages/{id}", HeraldJson.Context.MessageResponse);
        Assert.Equal(id, message.MessageId);
        Assert.Equal(Receiver.Url("/m?x=1"), message.Url);
        Assert.Equal("POST", message.Method);
        Assert.Equal("{\"a\":1}", message.Body);
        Assert.Null(message.BodyBase64);
        Assert.Equal(5, message.MaxRetries);
        Assert.Equal("1000 * (1 + retried)", message.RetryDelayExpression);
        Assert.Equal(45_000, message.Timeout);
        Assert.Equal("orders", message.Label);
        Assert.Equal(["orders", "priority"], message.Labels!);
        Assert.Equal(["yes"], message.Header!["Bypass-Tunnel-Reminder"]);
        Assert.Equal(["application/json"], message.Header["Content-Type"]);
        Assert.False(message.Header.ContainsKey("Upstash-Forward-bypass-tunnel-reminder"));
        Assert.Equal("customer-1", message.FlowControlKey);
        Assert.Equal(2, message.Parallelism);
        Assert.Equal(5, message.Rate);
        Assert.Equal(86400, message.Period);
        Assert.Equal("127.0.0.1", message.CallerIp);
        Assert.Equal("127.0.0.1", message.CallerIpUpper);
        Assert.InRange(message.NotBefore - before.ToUnixTimeMilliseconds(), 3_599_000, 3_605_000);
        Assert.InRange(message.CreatedAt - before.ToUnixTimeMilliseconds(), -1000, 5000);
    }

    [Fact]
    public async Task Get_NonUtf8Body_ComesBackAsBase64()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/publish/" + Receiver.Url("/bin"))
        {
            Content = new ByteArrayContent([0xff, 0xfe, 0x00, 0x01]),
        };
        request.Headers.Add("Upstash-Delay", "1h");
        using var response = await Herald.Client.SendAsync(request, Ct);
        var id = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), HeraldJson.Context.PublishResponse)!.MessageId;

        var message = await Herald.GetJsonAsync($"/v2/messages/{id}", HeraldJson.Context.MessageResponse);
        Assert.Null(message.Body);
        Assert.Equal(Convert.ToBase64String([0xff, 0xfe, 0x00, 0x01]), message.BodyBase64);
    }

    [Fact]
    public async Task Get_NotBeforeHeader_OverridesDelay()
    {
        var notBefore = TimeProvider.System.GetUtcNow().AddHours(3).ToUnixTimeSeconds();
        var id = await Herald.PublishAsync(Receiver.Url("/nb"), "x", ("Upstash-Not-Before", notBefore.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Upstash-Delay", "10s"));

        var message = await Herald.GetJsonAsync($"/v2/messages/{id}", HeraldJson.Context.MessageResponse);
        Assert.Equal(notBefore * 1000, message.NotBefore);
    }

    [Fact]
    public async Task Get_Unknown_Returns404()
    {
        using var response = await Herald.Client.GetAsync("/v2/messages/msg_doesnotexist", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_DeliveredMessage_StaysReadableWithinRetention()
    {
        var id = await Herald.PublishAsync(Receiver.Url("/done"), "x");
        await Herald.WaitForStateAsync(id, "DELIVERED");

        var message = await Herald.GetJsonAsync($"/v2/messages/{id}", HeraldJson.Context.MessageResponse);
        Assert.Equal(id, message.MessageId);
    }

    [Fact]
    public async Task Cancel_PendingMessage_ReturnsCancelledOneAndItIsNeverDelivered()
    {
        var id = await Herald.PublishAsync(Receiver.Url("/never"), "x", ("Upstash-Delay", "2s"));

        using var cancel = await Herald.Client.DeleteAsync($"/v2/messages/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("{\"cancelled\":1}", await cancel.Content.ReadAsStringAsync(Ct));

        using var get = await Herald.Client.GetAsync($"/v2/messages/{id}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        using var again = await Herald.Client.DeleteAsync($"/v2/messages/{id}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var logs = await Herald.WaitForStateAsync(id, "CANCELED");
        Assert.Equal(["CREATED", "CANCELED"], logs.Select(e => e.State));

        await Task.Delay(2500, Ct);
        Assert.Empty(Receiver.For("/never"));
    }

    [Fact]
    public async Task Cancel_InFlightMessage_AbortsTheAttemptAndDoesNotRetry()
    {
        Receiver.Respond("/busy", new ReceiverResponse(200, "ok", Delay: TimeSpan.FromSeconds(20)));
        var id = await Herald.PublishAsync(Receiver.Url("/busy"), "x", ("Upstash-Retries", "3"), ("Upstash-Retry-Delay", "0"));
        await Herald.WaitForStateAsync(id, "ACTIVE");

        using var cancel = await Herald.Client.DeleteAsync($"/v2/messages/{id}", Ct);
        Assert.Equal("{\"cancelled\":1}", await cancel.Content.ReadAsStringAsync(Ct));
        using var get = await Herald.Client.GetAsync($"/v2/messages/{id}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);

        var logs = await Herald.WaitForStateAsync(id, "CANCELED", TimeSpan.FromSeconds(5));
        Assert.Equal(["CREATED", "ACTIVE", "CANCEL_REQUESTED", "ERROR", "CANCELED"], logs.Select(e => e.State));
        Assert.Equal("attempt aborted", logs.Single(e => e.State == "ERROR").Error);
        await Task.Delay(300, Ct);
        Assert.Single(Receiver.For("/busy"));
    }

    [Fact]
    public async Task BulkCancel_ByLabelWithCount_CancelsExactlyCount()
    {
        for (var i = 0; i < 3; i++)
        {
            await Herald.PublishAsync(Receiver.Url("/bulk"), "x", ("Upstash-Delay", "1h"), ("Upstash-Label", "batch-a"));
        }

        var other = await Herald.PublishAsync(Receiver.Url("/bulk"), "x", ("Upstash-Delay", "1h"), ("Upstash-Label", "batch-b"));

        Assert.Equal(2, await CancelAsync("/v2/messages?label=batch-a&count=2"));
        Assert.Equal(1, await CancelAsync("/v2/messages?label=batch-a"));
        Assert.Equal(0, await CancelAsync("/v2/messages?label=batch-a"));
        using var stillThere = await Herald.Client.GetAsync($"/v2/messages/{other}", Ct);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Fact]
    public async Task BulkCancel_ByJsonBodyIds_AndAll()
    {
        var a = await Herald.PublishAsync(Receiver.Url("/a"), "x", ("Upstash-Delay", "1h"));
        var b = await Herald.PublishAsync(Receiver.Url("/b"), "x", ("Upstash-Delay", "1h"));
        await Herald.PublishAsync(Receiver.Url("/c"), "x", ("Upstash-Delay", "1h"));
        await Herald.PublishAsync(Receiver.Url("/d"), "x", ("Upstash-Delay", "1h"));

        using var request = new HttpRequestMessage(HttpMethod.Delete, "/v2/messages")
        {
            Content = new StringContent($"{{\"messageIds\":[\"{a}\",\"{b}\"]}}", System.Text.Encoding.UTF8, "application/json"),
        };
        using var byBody = await Herald.Client.SendAsync(request, Ct);
        Assert.Equal("{\"cancelled\":2}", await byBody.Content.ReadAsStringAsync(Ct));

        Assert.Equal(2, await CancelAsync("/v2/messages"));
    }

    [Fact]
    public async Task BulkCancel_ByHostAndPath_MatchesOnlyThoseDestinations()
    {
        await Herald.PublishAsync("http://localhost:1/a-x", "x", ("Upstash-Delay", "1h"));
        await Herald.PublishAsync("http://localhost:1/a-y", "x", ("Upstash-Delay", "1h"));
        await Herald.PublishAsync("http://127.0.0.1:1/a-x", "x", ("Upstash-Delay", "1h"));

        Assert.Equal(1, await CancelAsync("/v2/messages?host=localhost&path=/a-x"));
        Assert.Equal(1, await CancelAsync("/v2/messages?host=127.0.0.1"));
    }

    [Fact]
    public async Task BulkCancel_UnknownFilter_Returns400()
    {
        using var response = await Herald.Client.DeleteAsync("/v2/messages?labeel=x", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("labeel", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private async Task<int> CancelAsync(string path)
    {
        using var response = await Herald.Client.DeleteAsync(path, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonSerializer.Deserialize(text, HeraldJson.Context.CancelResponse)!.Cancelled;
    }
}
