using System.Net;
using System.Text.Json;
using Herald.Contracts;
using Herald.Server.Tests.Support;

namespace Herald.Server.Tests.Api;

public sealed class PublishValidationTests : HeraldTestBase
{
    protected override IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>
    {
        ["Messages:MaxBodySize"] = "1KiB",
    };

    public static TheoryData<string, string, string> BadHeaders => new()
    {
        { "Upstash-Delay", "ten seconds", "Upstash-Delay" },
        { "Upstash-Delay", "-5s", "Upstash-Delay" },
        { "Upstash-Delay", "400d", "maximum delay" },
        { "Upstash-Not-Before", "tomorrow", "Upstash-Not-Before" },
        { "Upstash-Retries", "-1", "Upstash-Retries" },
        { "Upstash-Retries", "21", "from 0 to 20" },
        { "Upstash-Retries", "three", "Upstash-Retries" },
        { "Upstash-Retry-Delay", "pow(2, retried", "Upstash-Retry-Delay" },
        { "Upstash-Retry-Delay", "foo(1)", "unknown function" },
        { "Upstash-Retry-Delay", "1000 * retries", "unknown variable" },
        { "Upstash-Timeout", "0s", "Upstash-Timeout" },
        { "Upstash-Timeout", "3h", "maximum timeout" },
        { "Upstash-Method", "BREW", "Upstash-Method" },
        { "Upstash-Content-Based-Deduplication", "maybe", "Upstash-Content-Based-Deduplication" },
        { "Upstash-Flow-Control-Value", "parallelism=2", "Upstash-Flow-Control-Key" },
        { "Upstash-Redact-Fields", "everything", "Upstash-Redact-Fields" },
        { "Upstash-Forward-Host", "evil.example", "cannot be forwarded" },
        { "Upstash-Forward-Upstash-Signature", "forged", "cannot be forwarded" },
        { "Upstash-Callback", "not a url", "Upstash-Callback" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public async Task Publish_WithInvalidHeader_Returns400AndStoresNothing(string header, string value, string errorMentions)
    {
        using var response = await Herald.SendPublishAsync(Receiver.Url("/x"), "{}", (header, value));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, errorMentions);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com/file")]
    [InlineData("https://user:pass@example.com/hook")]
    public async Task Publish_ToInvalidDestination_Returns400(string destination)
    {
        using var response = await Herald.SendPublishAsync(destination);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "destination");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Publish_ToUnknownUrlGroup_Returns404AndStoresNothing()
    {
        using var response = await Herald.SendPublishAsync("no-such-group");

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "URL group 'no-such-group' not found");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Publish_BodyOverTheLimit_Returns413AndStoresNothing()
    {
        using var response = await Herald.SendPublishAsync(Receiver.Url("/x"), new string('a', 1025));

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "larger than the limit");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Publish_BodyAtTheLimit_IsAccepted()
    {
        using var response = await Herald.SendPublishAsync(Receiver.Url("/x"), new string('a', 1024));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Publish_ChunkedBodyOverTheLimit_Returns413()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/publish/" + Receiver.Url("/x"))
        {
            Content = new StreamContent(new MemoryStream(new byte[5000])),
        };
        request.Headers.TransferEncodingChunked = true;
        using var response = await Herald.Client.SendAsync(request, Ct);

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "larger than the limit");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Publish_WithConfigurationHeaderGivenTwice_Returns400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/publish/" + Receiver.Url("/x")) { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("Upstash-Retries", ["1", "2"]);
        using var response = await Herald.Client.SendAsync(request, Ct);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "Upstash-Retries");
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string mentions)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var error = JsonSerializer.Deserialize(text, HeraldJson.Context.ErrorResponse)!;
        Assert.Contains(mentions, error.Error, StringComparison.OrdinalIgnoreCase);
    }

    private async Task AssertNothingStoredAsync()
    {
        var events = await Herald.GetJsonAsync("/v2/events", HeraldJson.Context.EventsResponse);
        Assert.Empty(events.Events);
    }
}
