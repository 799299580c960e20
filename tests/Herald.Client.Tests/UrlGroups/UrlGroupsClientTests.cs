using System.Net;
using Herald.Client.Tests.Support;
using Herald.Contracts.Wire;

namespace Herald.Client.Tests.UrlGroups;

public sealed class UrlGroupsClientTests : ClientTestBase
{
    [Fact]
    public async Task AddGetListRemoveDelete_ManageAUrlGroup()
    {
        await Client.UrlGroups.AddEndpointsAsync("orders", [new UrlGroupEndpointDto { Url = "https://billing.example.com/hooks/", Name = "billing" }], Ct);
        await Client.UrlGroups.AddEndpointsAsync("orders", [new UrlGroupEndpointDto { Url = "https://crm.example.com/in" }], Ct);

        var group = await Client.UrlGroups.GetAsync("orders", Ct);
        var listed = await Client.UrlGroups.ListAsync(Ct);
        await Client.UrlGroups.RemoveEndpointsAsync("orders", [new UrlGroupEndpointDto { Name = "billing" }], Ct);
        var afterRemove = await Client.UrlGroups.GetAsync("orders", Ct);
        await Client.UrlGroups.DeleteAsync("orders", Ct);

        Assert.Equal("orders", group.Name);
        Assert.Equal(
            [new UrlGroupEndpointDto { Url = "https://billing.example.com/hooks/", Name = "billing" }, new UrlGroupEndpointDto { Url = "https://crm.example.com/in" }],
            group.Endpoints);
        Assert.Equal("orders", Assert.Single(listed).Name);
        Assert.Equal("https://crm.example.com/in", Assert.Single(afterRemove.Endpoints).Url);
        Assert.Empty(await Client.UrlGroups.ListAsync(Ct));
        var error = await Assert.ThrowsAsync<HeraldApiException>(() => Client.UrlGroups.GetAsync("orders", Ct));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task RemoveEndpointsAsync_LastEndpoint_DeletesTheGroup()
    {
        await Client.UrlGroups.AddEndpointsAsync("solo", [new UrlGroupEndpointDto { Url = "https://a.example.com/" }], Ct);

        await Client.UrlGroups.RemoveEndpointsAsync("solo", [new UrlGroupEndpointDto { Url = "https://a.example.com/" }], Ct);

        var error = await Assert.ThrowsAsync<HeraldApiException>(() => Client.UrlGroups.GetAsync("solo", Ct));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task AddEndpointsAsync_InvalidInput_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client.UrlGroups.AddEndpointsAsync("g", [], Ct));
        var error = await Assert.ThrowsAsync<HeraldApiException>(() =>
            Client.UrlGroups.AddEndpointsAsync("bad name!", [new UrlGroupEndpointDto { Url = "https://a.example.com/" }], Ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Empty(await Client.UrlGroups.ListAsync(Ct));
    }
}
