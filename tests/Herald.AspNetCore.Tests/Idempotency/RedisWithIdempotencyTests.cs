using Herald.AspNetCore.Idempotency;
using Herald.AspNetCore.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Tests.Idempotency;

/// <summary><c>WithIdempotency()</c> on <see cref="RedisIdempotencyStore"/> against the real Redis of <c>HERALD_TEST_REDIS</c>.</summary>
public sealed class RedisWithIdempotencyTests : WithIdempotencyTests
{
    protected override void UseStore(HeraldIdempotencyBuilder builder) => builder.UseRedis(TestRedis.Configuration);

    protected override Task<ReceiverApp> StartWithShortTtlAsync() => StartAsync(o => o.Ttl = TimeSpan.FromSeconds(1));

    protected override async Task LetTheTtlPassAsync(ReceiverApp app, string messageId)
    {
        var options = app.Services.GetRequiredService<IOptions<HeraldIdempotencyOptions>>().Value;
        var db = (await TestRedis.ConnectionAsync()).GetDatabase();
        var key = options.KeyPrefix + messageId;

        var ttl = await db.KeyTimeToLiveAsync(key);
        Assert.InRange(ttl ?? TimeSpan.MaxValue, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));
        await Eventually.MatchAsync(() => db.KeyExistsAsync(key), exists => !exists, $"Redis to expire {key}", TimeSpan.FromSeconds(10));
    }
}
