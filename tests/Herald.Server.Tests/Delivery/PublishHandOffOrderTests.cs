using System.Globalization;
using System.Text;
using Herald.Server.Tests.Support;

namespace Herald.Server.Tests.Delivery;

/// <summary>
/// Publish hand-offs happen only while the engine has a free slot and nothing older waits in the store: a publish
/// never overtakes due work.
/// </summary>
public sealed class PublishHandOffOrderTests : HeraldTestBase
{
    protected override IReadOnlyDictionary<string, string?>? Configuration => new Dictionary<string, string?>
    {
        ["Delivery:MaxConcurrency"] = "1",
    };

    [Fact]
    public async Task PublishesWhileOlderMessagesWait_AreDeliveredAfterThem()
    {
        Receiver.Respond("/order/0", new ReceiverResponse(200, "ok", Delay: TimeSpan.FromMilliseconds(300)));
        for (var i = 1; i <= 100; i++)
        {
            Receiver.Respond($"/order/{i}", new ReceiverResponse(200, "ok", Delay: TimeSpan.FromMilliseconds(5)));
        }

        // 0 takes the only slot; 1–20 wait in the store; 21–100 are published by four clients while 1–20 are
        // delivered one by one, so every freed slot is contested.
        await Herald.PublishAsync(Receiver.Url("/order/0"), "0");
        for (var i = 1; i <= 20; i++)
        {
            await Herald.PublishAsync(Receiver.Url($"/order/{i}"), Number(i));
        }

        await Receiver.WaitForCountAsync("/order/0", 1);
        await Task.Delay(250, Ct);
        var next = 20;
        var publishers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i <= 100; i = Interlocked.Increment(ref next))
            {
                await Herald.PublishAsync(Receiver.Url($"/order/{i}"), Number(i));
                await Task.Delay(3);
            }
        }));
        await Task.WhenAll(publishers);

        var all = await Receiver.WaitForAsync(r => r.Count(x => x.PathAndQuery.StartsWith("/order/", StringComparison.Ordinal)) >= 101, TimeSpan.FromSeconds(20));
        var order = all.OrderBy(r => r.ReceivedAt).Select(r => int.Parse(Encoding.UTF8.GetString(r.Body), CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(Enumerable.Range(0, 21), order.Take(21));
        Assert.Equal(Enumerable.Range(21, 80), order.Skip(21).Order());
        Assert.Equal(1, Receiver.MaxConcurrent("/order"));
    }

    private static string Number(int i) => i.ToString(CultureInfo.InvariantCulture);
}
