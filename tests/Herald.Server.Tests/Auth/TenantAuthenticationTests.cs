using System.Net;
using System.Text.Json;
using Herald.Contracts;
using Herald.Server.Tests.Support;

namespace Herald.Server.Tests.Auth;

public sealed class TenantAuthenticationTests : HeraldTestBase
{
    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task Request_WithoutAValidToken_Returns401WithJsonError(string? token)
    {
        using var client = Herald.ClientFor(token);
        foreach (var path in new[] { "/v2/keys", "/v2/dlq", "/v2/events", "/v2/messages/msg_x" })
        {
            using var response = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var error = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), HeraldJson.Context.ErrorResponse)!;
            Assert.Contains("token", error.Error, StringComparison.Ordinal);
        }

        using var publish = await client.PostAsync("/v2/publish/" + Receiver.Url("/x"), new StringContent("{}"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, publish.StatusCode);
        var events = await Herald.GetJsonAsync("/v2/events", HeraldJson.Context.EventsResponse);
        Assert.Empty(events.Events);
    }

    [Fact]
    public async Task QstashTokenQueryParameter_Authenticates()
    {
        using var client = Herald.ClientFor(null);
        using var response = await client.GetAsync("/v2/keys?qstash_token=" + Uri.EscapeDataString(TestHerald.DevToken), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OtherTenant_SeesNothingOfThisTenant()
    {
        var id = await Herald.PublishAsync(Receiver.Url("/later"), "x", ("Upstash-Delay", "1h"));
        using var other = Herald.ClientFor(TestHerald.OtherDevToken);

        using var get = await other.GetAsync($"/v2/messages/{id}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        using var cancel = await other.DeleteAsync($"/v2/messages/{id}", Ct);
        Assert.True(cancel.StatusCode == HttpStatusCode.NotFound, $"{cancel.StatusCode} {await cancel.Content.ReadAsStringAsync(Ct)}");
        var events = JsonSerializer.Deserialize(await other.GetStringAsync("/v2/events", Ct), HeraldJson.Context.EventsResponse)!;
        Assert.Empty(events.Events);
        var keys = JsonSerializer.Deserialize(await other.GetStringAsync("/v2/keys", Ct), HeraldJson.Context.SigningKeysResponse)!;
        Assert.NotEqual(TestHerald.CurrentKey, keys.Current);

        using var mine = await Herald.Client.GetAsync($"/v2/messages/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
    }

    [Fact]
    public async Task UnknownRoute_Returns404Json()
    {
        using var response = await Herald.Client.GetAsync("/v2/nothing-here", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), HeraldJson.Context.ErrorResponse)!;
        Assert.Equal("not found", error.Error);
    }
}
