using System.Net;
using Herald.Client.Messages;
using Herald.Client.Publishing;
using Herald.Client.Tests.Support;

namespace Herald.Client.Tests.Messages;

public sealed class MessagesClientTests : ClientTestBase
{
    [Fact]
    public async Task GetAsync_UnknownMessage_ThrowsHeraldApiExceptionWith404AndTheServerText()
    {
        var error = await Assert.ThrowsAsync<HeraldApiException>(() => Client.Messages.GetAsync("msg_unknown", Ct));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("message msg_unknown not found", error.Error);
    }

    [Fact]
    public async Task CancelAsync_PendingMessage_CancelsItAndItIsGone()
    {
        var id = await PendingAsync("/cancel-one");

        var cancelled = await Client.Messages.CancelAsync(id, Ct);

        Assert.Equal(1, cancelled);
        var error = await Assert.ThrowsAsync<HeraldApiException>(() => Client.Messages.GetAsync(id, Ct));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        var again = await Assert.ThrowsAsync<HeraldApiException>(() => Client.Messages.CancelAsync(id, Ct));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task CancelManyAsync_ByIds_CancelsExactlyThose()
    {
        var a = await PendingAsync("/a");
        var b = await PendingAsync("/b");
        var keep = await PendingAsync("/keep");

        var cancelled = await Client.Messages.CancelManyAsync([a, b], Ct);

        Assert.Equal(2, cancelled);
        Assert.Equal(keep, (await Client.Messages.GetAsync(keep, Ct)).MessageId);
        await Assert.ThrowsAsync<HeraldApiException>(() => Client.Messages.GetAsync(a, Ct));
        Assert.Equal(0, await Client.Messages.CancelManyAsync([], Ct));
    }

    [Fact]
    public async Task CancelManyAsync_ByFilterWithCount_CancelsAtMostCountOfTheMatches()
    {
        var red = new[] { await PendingAsync("/r1", "red"), await PendingAsync("/r2", "red"), await PendingAsync("/r3", "red") };
        var blue = await PendingAsync("/b1", "blue");

        var first = await Client.Messages.CancelManyAsync(new MessageFilter { Labels = ["red"] }, count: 2, Ct);
        var rest = await Client.Messages.CancelManyAsync(new MessageFilter { Labels = ["red"] }, cancellationToken: Ct);

        Assert.Equal(2, first);
        Assert.Equal(1, rest);
        Assert.Equal(blue, (await Client.Messages.GetAsync(blue, Ct)).MessageId);
        foreach (var id in red)
        {
            await Assert.ThrowsAsync<HeraldApiException>(() => Client.Messages.GetAsync(id, Ct));
        }
    }

    [Fact]
    public async Task CancelManyAsync_ByUrlAndPathFilters_SelectsOnlyMatchingDestinations()
    {
        var byUrl = await PendingAsync("/by-url?q=1");
        var byPath = await PendingAsync("/by-path");
        var other = await PendingAsync("/other");

        Assert.Equal(1, await Client.Messages.CancelManyAsync(new MessageFilter { Urls = [Receiver.Url("/by-url?q=1")] }, cancellationToken: Ct));
        Assert.Equal(1, await Client.Messages.CancelManyAsync(new MessageFilter { Paths = ["/by-path"] }, cancellationToken: Ct));

        await Assert.ThrowsAsync<HeraldApiException>(() => Client.Messages.GetAsync(byUrl, Ct));
        await Assert.ThrowsAsync<HeraldApiException>(() => Client.Messages.GetAsync(byPath, Ct));
        Assert.Equal(other, (await Client.Messages.GetAsync(other, Ct)).MessageId);
    }

    [Fact]
    public async Task CancelManyAsync_EmptyFilter_CancelsEveryPendingMessage()
    {
        await PendingAsync("/1");
        await PendingAsync("/2");

        Assert.Equal(2, await Client.Messages.CancelManyAsync(new MessageFilter(), cancellationToken: Ct));
        Assert.Equal(0, await Client.Messages.CancelManyAsync(new MessageFilter(), cancellationToken: Ct));
    }

    private async Task<string> PendingAsync(string path, string? label = null)
    {
        var result = await Client.PublishAsync(new PublishRequest
        {
            Destination = Receiver.Url(path),
            Delay = TimeSpan.FromHours(1),
            Labels = label is null ? null : [label],
        }, Ct);
        return result.MessageId;
    }
}
