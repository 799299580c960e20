using Herald.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Herald.Server.Tests.Delivery;

/// <summary>
/// R33 (a): the wall clock jumps forward ten minutes while an attempt runs. Its lease now looks long expired, but the
/// attempt is alive on this node: it must not be rescued and sent a second time.
/// </summary>
public sealed class ClockJumpTests : IAsyncLifetime
{
    private readonly JumpingTimeProvider _clock = new();
    private LoopbackReceiver _receiver = null!;
    private TestHerald _herald = null!;

    public async ValueTask InitializeAsync()
    {
        _receiver = await LoopbackReceiver.StartAsync();
        _herald = await TestHerald.StartAsync(services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock)));
    }

    public async ValueTask DisposeAsync()
    {
        await _herald.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task ForwardJumpDuringAnAttempt_DoesNotRescueItsLease()
    {
        _receiver.Respond("/slow", new ReceiverResponse(200, "ok", Delay: TimeSpan.FromSeconds(2.5)));
        var id = await _herald.PublishAsync(_receiver.Url("/slow"));
        await _herald.WaitForStateAsync(id, "ACTIVE");
        await Task.Delay(300, TestContext.Current.CancellationToken);

        _clock.Jump(TimeSpan.FromMinutes(10));

        var events = await _herald.WaitForStateAsync(id, "DELIVERED");
        // Give a wrong rescue (every second here) time to show up as a second delivery.
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        events = await _herald.WaitForStateAsync(id, "DELIVERED");

        Assert.Equal(["CREATED", "ACTIVE", "DELIVERED"], events.Select(e => e.State));
        Assert.Single(_receiver.For("/slow"));
    }
}
