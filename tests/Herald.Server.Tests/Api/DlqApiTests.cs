using System.Net;
using System.Text.Json;
using Herald.Contracts;
using Herald.Contracts.Wire;
using Herald.Server.Tests.Support;

namespace Herald.Server.Tests.Api;

public sealed class DlqApiTests : HeraldTestBase
{
    [Fact]
    public async Task List_PagesThroughEveryEntryOnceAndOmitsTheCursorOnTheLastPage()
    {
        var ids = await FailAsync(5, "page");

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Herald.GetJsonAsync("/v2/dlq?count=2" + (cursor is null ? "" : "&cursor=" + cursor), HeraldJson.Context.DlqListResponse);
            seen.AddRange(page.Messages.Select(m => m.MessageId));
            cursor = page.Cursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        var latestFirst = await Herald.GetJsonAsync("/v2/dlq?order=latestFirst", HeraldJson.Context.DlqListResponse);
        Assert.Equal(ids.AsEnumerable().Reverse(), latestFirst.Messages.Select(m => m.MessageId));
        using var raw = await Herald.Client.GetAsync("/v2/dlq", Ct);
        Assert.DoesNotContain("\"cursor\"", await raw.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Filters_NarrowByMessageUrlLabelAndStatus()
    {
        var labelled = (await FailAsync(1, "lbl", ("Upstash-Label", "red")))[0];
        var other = (await FailAsync(1, "other"))[0];

        Assert.Equal([labelled], await IdsAsync("label=red"));
        Assert.Equal([other], await IdsAsync("messageId=" + other));
        Assert.Equal([other], await IdsAsync("url=" + Uri.EscapeDataString(Receiver.Url("/other"))));
        Assert.Equal(2, (await IdsAsync("responseStatus=500")).Count);
        Assert.Empty(await IdsAsync("responseStatus=999"));
        Assert.Empty(await IdsAsync("fromDate=4102444800000"));
        using var unknown = await Herald.Client.GetAsync("/v2/dlq?labeel=red", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        using var hostFilter = await Herald.Client.GetAsync("/v2/dlq?host=localhost", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, hostFilter.StatusCode);
    }

    [Fact]
    public async Task GetAndDelete_OneEntry()
    {
        await FailAsync(1, "one");
        var entry = Assert.Single((await Herald.GetJsonAsync("/v2/dlq", HeraldJson.Context.DlqListResponse)).Messages);

        var fetched = await Herald.GetJsonAsync($"/v2/dlq/{entry.DlqId}", HeraldJson.Context.MessageResponse);
        Assert.Equal(entry.MessageId, fetched.MessageId);
        Assert.Equal("boom", fetched.ResponseBody);

        using var delete = await Herald.Client.DeleteAsync($"/v2/dlq/{entry.DlqId}", Ct);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        using var again = await Herald.Client.DeleteAsync($"/v2/dlq/{entry.DlqId}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using var get = await Herald.Client.GetAsync($"/v2/dlq/{entry.DlqId}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task BulkDelete_WithCountReturnsACursor_AndByJsonBody()
    {
        await FailAsync(4, "bulk");

        var first = await DeleteAsync("/v2/dlq?count=1");
        Assert.Equal(1, first.Deleted);
        Assert.NotNull(first.Cursor);

        var listed = await Herald.GetJsonAsync("/v2/dlq", HeraldJson.Context.DlqListResponse);
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/v2/dlq")
        {
            Content = new StringContent($"{{\"dlqIds\":[\"{listed.Messages[0].DlqId}\"]}}", System.Text.Encoding.UTF8, "application/json"),
        };
        using var byBody = await Herald.Client.SendAsync(request, Ct);
        Assert.Equal("{\"deleted\":1}", await byBody.Content.ReadAsStringAsync(Ct));

        var rest = await DeleteAsync("/v2/dlq");
        Assert.Equal(2, rest.Deleted);
        Assert.Null(rest.Cursor);
        Assert.Empty((await Herald.GetJsonAsync("/v2/dlq", HeraldJson.Context.DlqListResponse)).Messages);
    }

    [Fact]
    public async Task Retry_CreatesANewMessageThatIsDeliveredAndRemovesTheEntry()
    {
        var flaky = 0;
        Receiver.Respond("/flaky", _ => Interlocked.Increment(ref flaky) == 1 ? new ReceiverResponse(500, "boom") : ReceiverResponse.Ok);
        var original = await Herald.PublishAsync(Receiver.Url("/flaky"), "payload", ("Upstash-Retries", "0"));
        await Herald.WaitForStateAsync(original, "FAILED");
        var entry = Assert.Single((await Herald.GetJsonAsync("/v2/dlq", HeraldJson.Context.DlqListResponse)).Messages);

        using var retry = await Herald.Client.PostAsync($"/v2/dlq/retry?dlqIds={entry.DlqId}", null, Ct);
        var response = JsonSerializer.Deserialize(await retry.Content.ReadAsStringAsync(Ct), HeraldJson.Context.DlqRetryResponse)!;
        var newId = Assert.Single(response.Responses).MessageId;

        Assert.NotEqual(original, newId);
        await Herald.WaitForStateAsync(newId, "DELIVERED");
        var delivered = Receiver.For("/flaky")[^1];
        Assert.Equal(newId, delivered.Header("Upstash-Message-Id"));
        Assert.Equal("payload", System.Text.Encoding.UTF8.GetString(delivered.Body));
        using var gone = await Herald.Client.DeleteAsync($"/v2/dlq/{entry.DlqId}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task RetryOne_WithRetriesOverride_UsesTheRequestsConfiguration()
    {
        await FailAsync(1, "override");
        var entry = Assert.Single((await Herald.GetJsonAsync("/v2/dlq", HeraldJson.Context.DlqListResponse)).Messages);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v2/dlq/retry/{entry.DlqId}");
        request.Headers.Add("Upstash-Retries", "1");
        request.Headers.Add("Upstash-Retry-Delay", "0");
        using var retry = await Herald.Client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var newId = JsonSerializer.Deserialize(await retry.Content.ReadAsStringAsync(Ct), HeraldJson.Context.PublishResponse)!.MessageId;

        var logs = await Herald.WaitForStateAsync(newId, "FAILED");
        Assert.Equal(2, logs.Count(e => e.State == "ERROR"));
        Assert.True(logs[0].MaxRetries == 1, string.Join(" | ", logs.Select(l => $"{l.State} {l.MaxRetries} {l.Header?.Count}")));
    }

    [Fact]
    public async Task BulkRetry_WithCount_ReturnsThatManyAndACursor()
    {
        await FailAsync(3, "many");

        using var response = await Herald.Client.PostAsync("/v2/dlq/retry?count=2", null, Ct);
        var result = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), HeraldJson.Context.DlqRetryResponse)!;

        Assert.Equal(2, result.Responses.Count);
        Assert.NotNull(result.Cursor);
    }

    private async Task<List<string>> FailAsync(int count, string path, params (string, string)[] headers)
    {
        Receiver.Respond("/" + path, new ReceiverResponse(500, "boom"));
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = await Herald.PublishAsync(Receiver.Url("/" + path), "x", [("Upstash-Retries", "0"), .. headers]);
            await Herald.WaitForStateAsync(id, "FAILED");
            ids.Add(id);
        }

        return ids;
    }

    private async Task<List<string>> IdsAsync(string query) =>
        (await Herald.GetJsonAsync("/v2/dlq?" + query, HeraldJson.Context.DlqListResponse)).Messages.Select(m => m.MessageId).ToList();

    private async Task<DlqDeleteResponse> DeleteAsync(string path)
    {
        using var response = await Herald.Client.DeleteAsync(path, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonSerializer.Deserialize(text, HeraldJson.Context.DlqDeleteResponse)!;
    }
}
