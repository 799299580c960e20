using Herald.Contracts;
using Herald.Server.Tests.Support;

namespace Herald.Server.Tests.Delivery;

/// <summary>A node with <c>Delivery:Enabled=false</c> accepts and stores, but claims nothing, not even at publish time.</summary>
public sealed class ApiOnlyNodeTests : HeraldTestBase
{
    protected override IReadOnlyDictionary<string, string?>? Configuration => new Dictionary<string, string?>
    {
        ["Delivery:Enabled"] = "false",
    };

    [Fact]
    public async Task DueNowPublish_StaysCreatedAndIsNotDelivered()
    {
        var id = await Herald.PublishAsync(Receiver.Url("/api-only"));

        await Task.Delay(300, Ct);

        var events = await Herald.GetJsonAsync($"/v2/events?messageId={id}&order=earliestFirst", HeraldJson.Context.EventsResponse);
        Assert.Equal(["CREATED"], events.Events.Select(e => e.State));
        Assert.Empty(Receiver.Requests);
    }
}
