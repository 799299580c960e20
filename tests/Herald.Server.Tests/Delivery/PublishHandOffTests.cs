using Herald.Contracts;
using Herald.Server.Tests.Support;

namespace Herald.Server.Tests.Delivery;

/// <summary>A message due now is stored already claimed and handed to the engine in memory.</summary>
public sealed class PublishHandOffTests : HeraldTestBase
{
    [Fact]
    public async Task DueNowPublish_IsAlreadyActiveWhenThePublishIsAnswered()
    {
        Receiver.Respond("/slow", new ReceiverResponse(200, "ok", Delay: TimeSpan.FromSeconds(1)));
        // Once one message went through, the dispatcher has looked at the store and knows nothing is waiting.
        await Herald.WaitForStateAsync(await Herald.PublishAsync(Receiver.Url("/warm-up")), "DELIVERED");

        var id = await Herald.PublishAsync(Receiver.Url("/slow"));
        var events = await Herald.GetJsonAsync($"/v2/events?messageId={id}&order=earliestFirst", HeraldJson.Context.EventsResponse);

        Assert.Equal(["CREATED", "ACTIVE"], events.Events.Select(e => e.State));
        var delivered = await Herald.WaitForStateAsync(id, "DELIVERED");
        Assert.Equal(["CREATED", "ACTIVE", "DELIVERED"], delivered.Select(e => e.State));
        Assert.Single(Receiver.For("/slow"));
    }
}
