using Herald.AspNetCore.Idempotency;
using Herald.AspNetCore.Tests.Support;

namespace Herald.AspNetCore.Tests.Idempotency;

/// <summary>The store contract against the real Redis of <c>HERALD_TEST_REDIS</c>.</summary>
public sealed class RedisIdempotencyStoreTests : IdempotencyStoreTests
{
    protected override TimeSpan ShortClaim => TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Claim_And_Complete_SetTheKeyTtls()
    {
        var db = (await TestRedis.ConnectionAsync()).GetDatabase();
        var store = await CreateSutAsync();
        var key = NewKey();

        var claim = await store.TryClaimAsync(key, TimeSpan.FromMinutes(5), Ct);
        var claimTtl = await db.KeyTimeToLiveAsync(key);
        await store.CompleteAsync(key, claim.Token!, TimeSpan.FromHours(24), Ct);
        var completedTtl = await db.KeyTimeToLiveAsync(key);
        var value = await db.StringGetAsync(key);

        Assert.InRange(claimTtl!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
        Assert.InRange(completedTtl!.Value, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
        Assert.Equal("done", value.ToString());
        await db.KeyDeleteAsync(key);
    }

    [Fact]
    public async Task CompleteAndRelease_WithTheWrongToken_LeaveTheKeyUntouched()
    {
        var db = (await TestRedis.ConnectionAsync()).GetDatabase();
        var store = await CreateSutAsync();
        var key = NewKey();
        var claim = await store.TryClaimAsync(key, TimeSpan.FromMinutes(5), Ct);
        var before = await db.StringGetAsync(key);

        Assert.False(await store.CompleteAsync(key, "forged", TimeSpan.FromHours(1), Ct));
        Assert.False(await store.ReleaseAsync(key, "forged", Ct));

        Assert.Equal(before, await db.StringGetAsync(key));
        Assert.EndsWith(claim.Token!, before.ToString(), StringComparison.Ordinal);
        await db.KeyDeleteAsync(key);
    }

    protected override async Task<IIdempotencyStore> CreateSutAsync() => new RedisIdempotencyStore(await TestRedis.ConnectionAsync());

    protected override async Task ExpireAsync(IIdempotencyStore store, string key)
    {
        var db = (await TestRedis.ConnectionAsync()).GetDatabase();
        await Eventually.MatchAsync(() => db.KeyExistsAsync(key), exists => !exists, $"Redis to expire {key}", TimeSpan.FromSeconds(10));
    }
}
