using System.Net;
using System.Text;
using System.Text.Json;
using Herald.Contracts;
using Herald.Server.Tests.Support;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;

namespace Herald.Server.Tests.Delivery;

/// <summary>Standard Webhooks signing, opt-in per URL group or per tenant, checked with the independent StandardWebhooks package.</summary>
public sealed class StandardWebhooksTests : HeraldTestBase
{
    [Fact]
    public async Task UrlGroupSigning_AddsHeadersThatTheStandardWebhooksPackageVerifies()
    {
        await Herald.SendJsonAsync(HttpMethod.Post, "/v2/topics/signed/endpoints", $"{{\"endpoints\":[{{\"url\":\"{Receiver.Url("/sw")}\"}}]}}");
        var signing = JsonSerializer.Deserialize(await Herald.SendJsonAsync(HttpMethod.Put, "/v2/topics/signed/signing", "{\"standardWebhooks\":true}"), HeraldJson.Context.UrlGroupSigningResponse)!;
        var secret = Assert.Single(signing.Secrets!);

        using var publish = await Herald.SendPublishAsync("signed", "{\"event\":\"paid\"}");
        var id = JsonSerializer.Deserialize(await publish.Content.ReadAsStringAsync(Ct), HeraldJson.Context.ListPublishResponse)![0].MessageId;
        var received = (await Receiver.WaitForCountAsync("/sw", 1)).Single(r => r.PathAndQuery == "/sw");

        Assert.Equal(id, received.Header("webhook-id"));
        Assert.NotNull(received.Header("Upstash-Signature"));
        Verify(secret, received);
        var read = await Herald.GetJsonAsync("/v2/topics/signed/signing", HeraldJson.Context.UrlGroupSigningResponse);
        Assert.True(read.StandardWebhooks);
        Assert.Equal([secret], read.Secrets!);
    }

    [Fact]
    public async Task Rotation_SignsWithEverySecretAndEachVerifies()
    {
        await Herald.SendJsonAsync(HttpMethod.Post, "/v2/topics/rot/endpoints", $"{{\"endpoints\":[{{\"url\":\"{Receiver.Url("/rot")}\"}}]}}");
        var current = Contracts.Signing.StandardWebhooksSignature.NewSecret();
        var previous = Contracts.Signing.StandardWebhooksSignature.NewSecret();
        await Herald.SendJsonAsync(HttpMethod.Put, "/v2/topics/rot/signing", $"{{\"standardWebhooks\":true,\"secrets\":[\"{current}\",\"{previous}\"]}}");

        await Herald.SendPublishAsync("rot", "x");
        var received = (await Receiver.WaitForCountAsync("/rot", 1)).Single(r => r.PathAndQuery == "/rot");

        var signatures = received.Header("webhook-signature")!.Split(' ');
        Assert.Equal(2, signatures.Length);
        Verify(current, received);
        Assert.ThrowsAny<Exception>(() => Verify(Contracts.Signing.StandardWebhooksSignature.NewSecret(), received));

        // The StandardWebhooks package (1.1.2) checks only the first signature of the header, so the second one is
        // recomputed here by hand from the specification: HMAC-SHA256 over "{id}.{timestamp}.{body}".
        var key = Convert.FromBase64String(previous["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{received.Header("webhook-id")}.{received.Header("webhook-timestamp")}.").Concat(received.Body).ToArray();
        Assert.Equal("v1," + Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(key, signed)), signatures[1]);
    }

    [Fact]
    public async Task Retries_KeepTheIdAndRefreshTimestampAndSignature()
    {
        var attempts = 0;
        Receiver.Respond("/again", _ => Interlocked.Increment(ref attempts) == 1 ? new ReceiverResponse(500) : ReceiverResponse.Ok);
        await Herald.SendJsonAsync(HttpMethod.Post, "/v2/topics/again/endpoints", $"{{\"endpoints\":[{{\"url\":\"{Receiver.Url("/again")}\"}}]}}");
        var secret = JsonSerializer.Deserialize(await Herald.SendJsonAsync(HttpMethod.Put, "/v2/topics/again/signing", "{\"standardWebhooks\":true}"), HeraldJson.Context.UrlGroupSigningResponse)!.Secrets![0];

        await Herald.SendPublishAsync("again", "x", ("Upstash-Retry-Delay", "1100"));
        var both = (await Receiver.WaitForCountAsync("/again", 2)).Where(r => r.PathAndQuery == "/again").ToList();

        Assert.Equal(both[0].Header("webhook-id"), both[1].Header("webhook-id"));
        Assert.NotEqual(both[0].Header("webhook-timestamp"), both[1].Header("webhook-timestamp"));
        Assert.NotEqual(both[0].Header("webhook-signature"), both[1].Header("webhook-signature"));
        Verify(secret, both[1]);
    }

    [Fact]
    public async Task SigningOff_RemovesTheHeaders_AndBadInputIsRefused()
    {
        await Herald.SendJsonAsync(HttpMethod.Post, "/v2/topics/off/endpoints", $"{{\"endpoints\":[{{\"url\":\"{Receiver.Url("/off")}\"}}]}}");
        await Herald.SendJsonAsync(HttpMethod.Put, "/v2/topics/off/signing", "{\"standardWebhooks\":true}");
        await Herald.SendJsonAsync(HttpMethod.Put, "/v2/topics/off/signing", "{\"standardWebhooks\":false}");

        await Herald.SendPublishAsync("off", "x");
        var received = (await Receiver.WaitForCountAsync("/off", 1)).Single(r => r.PathAndQuery == "/off");
        Assert.Null(received.Header("webhook-signature"));

        using var bad = new HttpRequestMessage(HttpMethod.Put, "/v2/topics/off/signing") { Content = new StringContent("{\"standardWebhooks\":true,\"secrets\":[\"not-a-secret\"]}") };
        using var badResponse = await Herald.Client.SendAsync(bad, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badResponse.StatusCode);
        using var unknown = new HttpRequestMessage(HttpMethod.Put, "/v2/topics/none/signing") { Content = new StringContent("{\"standardWebhooks\":true}") };
        using var unknownResponse = await Herald.Client.SendAsync(unknown, Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknownResponse.StatusCode);
    }

    [Fact]
    public async Task TenantSecrets_SignEveryDeliveryOfTheTenant()
    {
        var secret = Contracts.Signing.StandardWebhooksSignature.NewSecret();
        await using var herald = await TestHerald.StartAsync(
            new Dictionary<string, string?>
            {
                ["Tenants:0:Id"] = "acme",
                ["Tenants:0:Token"] = "acme-token-0123456789",
                ["Tenants:0:StandardWebhooksSecrets:0"] = secret,
                ["Server:Address"] = "127.0.0.1",
                ["Egress:AllowedNetworks:0"] = "127.0.0.0/8",
            },
            HeraldMode.Serve);
        using var client = herald.ClientFor("acme-token-0123456789");

        using var publish = await client.PostAsync("/v2/publish/" + Receiver.Url("/tenant"), new StringContent("{\"a\":1}"), Ct);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);

        var received = (await Receiver.WaitForCountAsync("/tenant", 1)).Single(r => r.PathAndQuery == "/tenant");
        Verify(secret, received);
    }

    private static void Verify(string secret, Herald.Testing.Receivers.ReceivedRequest received)
    {
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = received.Header("webhook-id"),
            ["webhook-timestamp"] = received.Header("webhook-timestamp"),
            ["webhook-signature"] = received.Header("webhook-signature"),
        };
        new StandardWebhook(secret).Verify(Encoding.UTF8.GetString(received.Body), headers);
    }
}
