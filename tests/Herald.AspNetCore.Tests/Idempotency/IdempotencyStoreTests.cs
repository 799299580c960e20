using Herald.AspNetCore.Idempotency;

namespace Herald.AspNetCore.Tests.Idempotency;

/// <summary>The <see cref="IIdempotencyStore"/> contract, run against each store.</summary>
public abstract class IdempotencyStoreTests
{
    protected static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IIdempotencyStore> CreateSutAsync();

    /// <summary>Lets a claim made with <see cref="ShortClaim"/> on <paramref name="key"/> expire.</summary>
    protected abstract Task ExpireAsync(IIdempotencyStore store, string key);

    /// <summary>A claim timeout that <see cref="ExpireAsync"/> can outlast.</summary>
    protected abstract TimeSpan ShortClaim { get; }

    [Fact]
    public async Task TryClaimAsync_FreeKey_AcquiresAndTheNextClaimIsInProgress()
    {
        var store = await CreateSutAsync();
        var key = NewKey();

        var first = await store.TryClaimAsync(key, Long, Ct);
        var second = await store.TryClaimAsync(key, Long, Ct);

        Assert.Equal(IdempotencyClaimStatus.Acquired, first.Status);
        Assert.False(string.IsNullOrEmpty(first.Token));
        Assert.Same(IdempotencyClaim.InProgress, second);
    }

    [Fact]
    public async Task CompleteAsync_ByTheHolder_MarksTheKeyCompleted()
    {
        var store = await CreateSutAsync();
        var key = NewKey();
        var claim = await store.TryClaimAsync(key, Long, Ct);

        var completed = await store.CompleteAsync(key, claim.Token!, Long, Ct);
        var again = await store.TryClaimAsync(key, Long, Ct);

        Assert.True(completed);
        Assert.Same(IdempotencyClaim.Completed, again);
    }

    [Fact]
    public async Task ReleaseAsync_ByTheHolder_FreesTheKey()
    {
        var store = await CreateSutAsync();
        var key = NewKey();
        var claim = await store.TryClaimAsync(key, Long, Ct);

        var released = await store.ReleaseAsync(key, claim.Token!, Ct);
        var again = await store.TryClaimAsync(key, Long, Ct);

        Assert.True(released);
        Assert.Equal(IdempotencyClaimStatus.Acquired, again.Status);
        Assert.NotEqual(claim.Token, again.Token);
    }

    [Fact]
    public async Task ReleaseAsync_WithAnotherToken_LeavesTheClaim()
    {
        var store = await CreateSutAsync();
        var key = NewKey();
        await store.TryClaimAsync(key, Long, Ct);

        var released = await store.ReleaseAsync(key, "not-the-token", Ct);
        var again = await store.TryClaimAsync(key, Long, Ct);

        Assert.False(released);
        Assert.Same(IdempotencyClaim.InProgress, again);
    }

    [Fact]
    public async Task ReleaseAsync_OfACompletedKey_KeepsItCompleted()
    {
        var store = await CreateSutAsync();
        var key = NewKey();
        var claim = await store.TryClaimAsync(key, Long, Ct);
        await store.CompleteAsync(key, claim.Token!, Long, Ct);

        var released = await store.ReleaseAsync(key, claim.Token!, Ct);

        Assert.False(released);
        Assert.Same(IdempotencyClaim.Completed, await store.TryClaimAsync(key, Long, Ct));
    }

    [Fact]
    public async Task TryClaimAsync_AfterTheClaimTimedOut_AcquiresAgain_AndTheOldHolderCanNeitherReleaseNorComplete()
    {
        var store = await CreateSutAsync();
        var key = NewKey();
        var abandoned = await store.TryClaimAsync(key, ShortClaim, Ct);

        await ExpireAsync(store, key);
        var takeover = await store.TryClaimAsync(key, Long, Ct);
        var released = await store.ReleaseAsync(key, abandoned.Token!, Ct);
        var completed = await store.CompleteAsync(key, abandoned.Token!, Long, Ct);

        Assert.Equal(IdempotencyClaimStatus.Acquired, takeover.Status);
        Assert.False(released);
        Assert.False(completed);
        Assert.Same(IdempotencyClaim.InProgress, await store.TryClaimAsync(key, Long, Ct));
    }

    [Fact]
    public async Task CompleteAsync_AfterTheClaimExpiredUntaken_StillMarksTheKeyCompleted()
    {
        var store = await CreateSutAsync();
        var key = NewKey();
        var slow = await store.TryClaimAsync(key, ShortClaim, Ct);

        await ExpireAsync(store, key);
        var completed = await store.CompleteAsync(key, slow.Token!, Long, Ct);

        Assert.True(completed);
        Assert.Same(IdempotencyClaim.Completed, await store.TryClaimAsync(key, Long, Ct));
    }

    [Fact]
    public async Task TryClaimAsync_ManyConcurrentCallers_ExactlyOneAcquires()
    {
        var store = await CreateSutAsync();
        var key = NewKey();

        var claims = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => store.TryClaimAsync(key, Long, Ct).AsTask(), Ct)));

        Assert.Single(claims, c => c.Status == IdempotencyClaimStatus.Acquired);
        Assert.Equal(63, claims.Count(c => c.Status == IdempotencyClaimStatus.InProgress));
    }

    protected static string NewKey() => "herald-test:" + Guid.NewGuid().ToString("N");
}
