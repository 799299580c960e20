using Herald.AspNetCore.Idempotency;
using Microsoft.Extensions.Time.Testing;

namespace Herald.AspNetCore.Tests.Idempotency;

public sealed class MemoryIdempotencyStoreTests : IdempotencyStoreTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    protected override TimeSpan ShortClaim => TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TryClaimAsync_AfterTheTtlOfACompletedKey_AcquiresAgain()
    {
        var store = CreateSut();
        var claim = await store.TryClaimAsync("k", Long, Ct);
        await store.CompleteAsync("k", claim.Token!, TimeSpan.FromHours(24), Ct);

        _clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        var before = await store.TryClaimAsync("k", Long, Ct);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var after = await store.TryClaimAsync("k", Long, Ct);

        Assert.Same(IdempotencyClaim.Completed, before);
        Assert.Equal(IdempotencyClaimStatus.Acquired, after.Status);
    }

    [Fact]
    public async Task Sweep_ExpiredEntries_AreRemovedSoTheStoreDoesNotGrow()
    {
        var store = CreateSut();
        for (var i = 0; i < 1000; i++)
        {
            var claim = await store.TryClaimAsync("done-" + i, Long, Ct);
            await store.CompleteAsync("done-" + i, claim.Token!, TimeSpan.FromMinutes(10), Ct);
            await store.TryClaimAsync("abandoned-" + i, TimeSpan.FromMinutes(1), Ct);
        }

        var full = store.Count;
        _clock.Advance(TimeSpan.FromMinutes(10));
        await store.TryClaimAsync("fresh", Long, Ct);

        Assert.Equal(2000, full);
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task Sweep_KeepsEntriesThatHaveNotExpired()
    {
        var store = CreateSut();
        var claim = await store.TryClaimAsync("kept", Long, Ct);
        await store.CompleteAsync("kept", claim.Token!, TimeSpan.FromHours(1), Ct);
        await store.TryClaimAsync("gone", TimeSpan.FromSeconds(10), Ct);

        _clock.Advance(MemoryIdempotencyStore.SweepInterval);
        await store.TryClaimAsync("other", Long, Ct);

        Assert.Equal(2, store.Count);
        Assert.Same(IdempotencyClaim.Completed, await store.TryClaimAsync("kept", Long, Ct));
    }

    protected override Task<IIdempotencyStore> CreateSutAsync() => Task.FromResult<IIdempotencyStore>(CreateSut());

    protected override Task ExpireAsync(IIdempotencyStore store, string key)
    {
        _clock.Advance(ShortClaim);
        return Task.CompletedTask;
    }

    private MemoryIdempotencyStore CreateSut() => new(_clock);
}
