using System.Text;
using System.Text.Json;
using Herald.Contracts;
using Herald.Server.Tests.Support;

namespace Herald.Server.Tests.Delivery;

public sealed class CallbackTests : HeraldTestBase
{
    [Fact]
    public async Task Callback_AfterEveryAttempt_CarriesTheResponseAndIsSignedForItsOwnUrl()
    {
        var attempts = 0;
        Receiver.Respond("/target", _ => Interlocked.Increment(ref attempts) == 1 ? new ReceiverResponse(503, "busy") : new ReceiverResponse(201, "created"));
        var callbackUrl = Receiver.Url("/callback?src=herald");
        var id = await Herald.PublishAsync(
            Receiver.Url("/target"),
            "{\"order\":1}",
            ("Upstash-Retries", "2"),
            ("Upstash-Retry-Delay", "50"),
            ("Upstash-Callback", callbackUrl),
            ("Upstash-Callback-Forward-X-Cb", "cb-header"),
            ("Upstash-Forward-X-Source", "src"));

        var callbacks = (await Receiver.WaitForCountAsync("/callback", 2)).Where(r => r.PathAndQuery.StartsWith("/callback", StringComparison.Ordinal)).OrderBy(r => r.ReceivedAt).ToList();
        var bodies = callbacks.Select(c => JsonSerializer.Deserialize(c.Body, HeraldJson.Context.CallbackBody)!).ToList();

        Assert.Equal([503, 201], bodies.Select(b => b.Status));
        Assert.Equal([0, 1], bodies.Select(b => b.Retried));
        Assert.All(bodies, b => Assert.Equal(id, b.SourceMessageId));
        Assert.Equal("busy", Encoding.UTF8.GetString(Convert.FromBase64String(bodies[0].Body)));
        Assert.Equal("created", Encoding.UTF8.GetString(Convert.FromBase64String(bodies[1].Body)));
        Assert.Equal("{\"order\":1}", Encoding.UTF8.GetString(Convert.FromBase64String(bodies[1].SourceBody)));
        Assert.Equal(["src"], bodies[1].SourceHeader["X-Source"]);
        Assert.Equal(Receiver.Url("/target"), bodies[0].Url);
        Assert.Equal(2, bodies[0].MaxRetries);
        Assert.Null(bodies[0].DlqId);

        var callback = callbacks[0];
        Assert.Equal("application/json", callback.Header("Content-Type"));
        Assert.Equal("cb-header", callback.Header("X-Cb"));
        Assert.NotEqual(id, callback.Header("Upstash-Message-Id"));
        IndependentJwt.Validate(callback.Header("Upstash-Signature")!, TestHerald.CurrentKey, callbackUrl, callback.Body);
        var callbackLogs = await Herald.WaitForStateAsync(callback.Header("Upstash-Message-Id")!, "DELIVERED");
        Assert.Equal(callbackUrl, callbackLogs[0].Url);
    }

    [Fact]
    public async Task FailureCallback_OnceAfterTheFinalFailure_WithTheDlqId()
    {
        Receiver.Respond("/down", new ReceiverResponse(500, "down"));
        var id = await Herald.PublishAsync(
            Receiver.Url("/down"),
            "x",
            ("Upstash-Retries", "1"),
            ("Upstash-Retry-Delay", "50"),
            ("Upstash-Failure-Callback", Receiver.Url("/failed")),
            ("Upstash-Failure-Callback-Method", "PUT"));

        var failure = (await Receiver.WaitForCountAsync("/failed", 1)).Single(r => r.PathAndQuery == "/failed");
        var body = JsonSerializer.Deserialize(failure.Body, HeraldJson.Context.CallbackBody)!;
        var dlq = await Herald.GetJsonAsync($"/v2/dlq?messageId={id}", HeraldJson.Context.DlqListResponse);

        Assert.Equal("PUT", failure.Method);
        Assert.Equal(500, body.Status);
        Assert.Equal(1, body.Retried);
        Assert.Equal(Assert.Single(dlq.Messages).DlqId, body.DlqId);
        Assert.Equal(2, Receiver.For("/down").Count);
        await Task.Delay(300, Ct);
        Assert.Single(Receiver.For("/failed"));
    }

    [Fact]
    public async Task CallbackOptions_AreValidatedAtPublish()
    {
        using var response = await Herald.SendPublishAsync(Receiver.Url("/x"), "x", ("Upstash-Callback", Receiver.Url("/cb")), ("Upstash-Callback-Retries", "lots"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Upstash-Callback-", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
