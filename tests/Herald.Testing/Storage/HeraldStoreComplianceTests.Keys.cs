using Herald.Core.Storage;

namespace Herald.Testing.Storage;

public abstract partial class HeraldStoreComplianceTests
{
    [Fact]
    public async Task SigningKeysGetAsync_UnknownTenant_ReturnsNull() =>
        Assert.Null(await Store.SigningKeys.GetAsync("tenant-without-keys", Ct));

    [Fact]
    public async Task SigningKeysEnsureAsync_NoKeys_StoresAndReturnsInitial()
    {
        var initial = new SigningKeyPair("sig_current_1", "sig_next_1");

        var ensured = await Store.SigningKeys.EnsureAsync(TenantA, initial, Ct);

        Assert.Equal(initial, ensured);
        Assert.Equal(initial, await Store.SigningKeys.GetAsync(TenantA, Ct));
    }

    [Fact]
    public async Task SigningKeysEnsureAsync_SecondCall_KeepsFirstKeys()
    {
        var first = new SigningKeyPair("sig_current_1", "sig_next_1");
        await Store.SigningKeys.EnsureAsync(TenantA, first, Ct);

        var second = await Store.SigningKeys.EnsureAsync(TenantA, new SigningKeyPair("sig_other_current", "sig_other_next"), Ct);

        Assert.Equal(first, second);
        Assert.Equal(first, await Store.SigningKeys.GetAsync(TenantA, Ct));
    }

    [Fact]
    public async Task SigningKeysEnsureAsync_PerTenant_KeysAreSeparate()
    {
        var a = new SigningKeyPair("sig_a_current", "sig_a_next");
        var b = new SigningKeyPair("sig_b_current", "sig_b_next");

        await Store.SigningKeys.EnsureAsync(TenantA, a, Ct);
        await Store.SigningKeys.EnsureAsync(TenantB, b, Ct);
        await Store.SigningKeys.RotateAsync(TenantA, "sig_a_newer", Ct);

        Assert.Equal(new SigningKeyPair("sig_a_next", "sig_a_newer"), await Store.SigningKeys.GetAsync(TenantA, Ct));
        Assert.Equal(b, await Store.SigningKeys.GetAsync(TenantB, Ct));
    }

    [Fact]
    public async Task SigningKeysRotateAsync_MakesNextCurrentAndStoresNewNext()
    {
        await Store.SigningKeys.EnsureAsync(TenantA, new SigningKeyPair("sig_current_1", "sig_next_1"), Ct);

        var rotated = await Store.SigningKeys.RotateAsync(TenantA, "sig_next_2", Ct);
        var again = await Store.SigningKeys.RotateAsync(TenantA, "sig_next_3", Ct);

        Assert.Equal(new SigningKeyPair("sig_next_1", "sig_next_2"), rotated);
        Assert.Equal(new SigningKeyPair("sig_next_2", "sig_next_3"), again);
        Assert.Equal(again, await Store.SigningKeys.GetAsync(TenantA, Ct));
    }

    [Fact]
    public async Task SigningKeysEnsureAsync_AfterRotation_KeepsRotatedKeys()
    {
        await Store.SigningKeys.EnsureAsync(TenantA, new SigningKeyPair("sig_current_1", "sig_next_1"), Ct);
        var rotated = await Store.SigningKeys.RotateAsync(TenantA, "sig_next_2", Ct);

        var ensured = await Store.SigningKeys.EnsureAsync(TenantA, new SigningKeyPair("sig_current_1", "sig_next_1"), Ct);

        Assert.Equal(rotated, ensured);
    }
}
