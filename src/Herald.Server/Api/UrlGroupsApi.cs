using System.Text.Json;
using Herald.Contracts;
using Herald.Contracts.Wire;
using Herald.Core.Publishing;
using Herald.Core.Storage;
using Herald.Core.UrlGroups;
using Herald.Server.Api.Support;
using Herald.Server.Auth;

namespace Herald.Server.Api;

/// <summary><c>/v2/topics</c>: URL groups and their endpoints.</summary>
internal static class UrlGroupsApi
{
    public const int MaxEndpoints = 1000;

    public static IEndpointRouteBuilder MapUrlGroupsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/topics");
        group.MapPost("/{name}/endpoints", AddEndpointsAsync).WithName("AddUrlGroupEndpoints").WithSummary("Add endpoints (creates the group)");
        group.MapDelete("/{name}/endpoints", RemoveEndpointsAsync).WithName("RemoveUrlGroupEndpoints").WithSummary("Remove endpoints (the last one deletes the group)");
        group.MapGet("/{name}", GetAsync).WithName("GetUrlGroup").WithSummary("Read a URL group");
        group.MapGet("/", ListAsync).WithName("ListUrlGroups").WithSummary("List URL groups");
        group.MapDelete("/{name}", DeleteAsync).WithName("DeleteUrlGroup").WithSummary("Delete a URL group");
        group.MapPut("/{name}/signing", SetSigningAsync).WithName("SetUrlGroupSigning").WithSummary("Turn Standard Webhooks signing on or off for a URL group");
        group.MapGet("/{name}/signing", GetSigningAsync).WithName("GetUrlGroupSigning").WithSummary("Read a URL group's Standard Webhooks signing");
        return app;
    }

    private static async Task<IResult> AddEndpointsAsync(
        string name,
        HttpContext context,
        IHeraldStore store,
        DestinationValidator destinations,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ValidateName(name);
        var endpoints = await ReadEndpointsAsync(context, cancellationToken);
        if (endpoints.Count == 0)
        {
            throw ApiException.BadRequest("endpoints must hold at least one {\"url\": ...}");
        }

        var validated = endpoints.Select(e =>
        {
            var url = destinations.Validate(e.Url ?? "", "endpoint url");
            if (e.Name is { } endpointName && !ResourceNames.IsValid(endpointName))
            {
                throw ApiException.BadRequest($"invalid endpoint name '{endpointName}': use letters, digits, '-', '_' or '.'");
            }

            return new UrlGroupEndpoint(url, e.Name);
        }).ToList();

        var existing = await store.UrlGroups.GetAsync(context.Tenant().Id, name, cancellationToken);
        if ((existing?.Endpoints.Count ?? 0) + validated.Count > MaxEndpoints)
        {
            throw ApiException.BadRequest($"a URL group holds at most {MaxEndpoints} endpoints");
        }

        await store.UrlGroups.AddEndpointsAsync(context.Tenant().Id, name, validated, timeProvider.GetUtcNow(), cancellationToken);
        return ApiResults.EmptyObject();
    }

    private static async Task<IResult> RemoveEndpointsAsync(string name, HttpContext context, IHeraldStore store, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var endpoints = await ReadEndpointsAsync(context, cancellationToken);
        if (endpoints.Count == 0 || endpoints.Any(e => string.IsNullOrEmpty(e.Url) && string.IsNullOrEmpty(e.Name)))
        {
            throw ApiException.BadRequest("each endpoint to remove needs a url or a name");
        }

        var removed = await store.UrlGroups.RemoveEndpointsAsync(
            context.Tenant().Id, name, endpoints.Select(e => new UrlGroupEndpoint(e.Url ?? "", e.Name)).ToList(), timeProvider.GetUtcNow(), cancellationToken);
        return removed ? ApiResults.EmptyObject() : throw ApiException.NotFound($"URL group '{name}' not found");
    }

    private static async Task<IResult> GetAsync(string name, HttpContext context, IHeraldStore store, CancellationToken cancellationToken)
    {
        var group = await store.UrlGroups.GetAsync(context.Tenant().Id, name, cancellationToken)
            ?? throw ApiException.NotFound($"URL group '{name}' not found");
        return ApiResults.Json(ToResponse(group), HeraldJson.Context.UrlGroupResponse);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IHeraldStore store, CancellationToken cancellationToken)
    {
        var groups = await store.UrlGroups.ListAsync(context.Tenant().Id, cancellationToken);
        return ApiResults.Json(groups.Select(ToResponse).ToList(), HeraldJson.Context.ListUrlGroupResponse);
    }

    private static async Task<IResult> DeleteAsync(string name, HttpContext context, IHeraldStore store, CancellationToken cancellationToken) =>
        await store.UrlGroups.DeleteAsync(context.Tenant().Id, name, cancellationToken)
            ? ApiResults.EmptyObject()
            : throw ApiException.NotFound($"URL group '{name}' not found");

    private static async Task<IResult> SetSigningAsync(
        string name,
        HttpContext context,
        IHeraldStore store,
        Core.Signing.StandardWebhooksSecrets cache,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(context.Request, 64 * 1024, cancellationToken);
        UrlGroupSigningRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(body, HeraldJson.Context.UrlGroupSigningRequest);
        }
        catch (JsonException ex)
        {
            throw ApiException.BadRequest("expected {\"standardWebhooks\": true|false, \"secrets\": [\"whsec_...\"]}: " + ex.Message);
        }

        List<string>? secrets = null;
        if (request?.StandardWebhooks ?? throw ApiException.BadRequest("standardWebhooks (true or false) is required"))
        {
            secrets = request.Secrets is { Count: > 0 } given ? given : [Contracts.Signing.StandardWebhooksSignature.NewSecret()];
            if (secrets.Count > 5 || secrets.Any(s => !Core.Tenants.TenantDirectory.IsSecret(s)))
            {
                throw ApiException.BadRequest("secrets must be 1 to 5 values of whsec_ followed by base64 of at least 16 bytes");
            }
        }

        var tenant = context.Tenant().Id;
        if (!await store.UrlGroups.SetStandardWebhooksSecretsAsync(tenant, name, secrets, timeProvider.GetUtcNow(), cancellationToken))
        {
            throw ApiException.NotFound($"URL group '{name}' not found");
        }

        cache.Invalidate(tenant, name);
        return ApiResults.Json(new UrlGroupSigningResponse { StandardWebhooks = secrets is not null, Secrets = secrets }, HeraldJson.Context.UrlGroupSigningResponse);
    }

    private static async Task<IResult> GetSigningAsync(string name, HttpContext context, IHeraldStore store, CancellationToken cancellationToken)
    {
        var group = await store.UrlGroups.GetAsync(context.Tenant().Id, name, cancellationToken)
            ?? throw ApiException.NotFound($"URL group '{name}' not found");
        var secrets = group.StandardWebhooksSecrets;
        return ApiResults.Json(new UrlGroupSigningResponse { StandardWebhooks = secrets is { Count: > 0 }, Secrets = secrets }, HeraldJson.Context.UrlGroupSigningResponse);
    }

    private static UrlGroupResponse ToResponse(UrlGroup group) => new()
    {
        Name = group.Name,
        CreatedAt = group.CreatedAt.ToUnixTimeMilliseconds(),
        UpdatedAt = group.UpdatedAt.ToUnixTimeMilliseconds(),
        Endpoints = group.Endpoints.Select(e => new UrlGroupEndpointDto { Name = e.Name, Url = e.Url }).ToList(),
    };

    private static void ValidateName(string name)
    {
        if (!ResourceNames.IsValid(name))
        {
            throw ApiException.BadRequest($"invalid URL group name '{name}': use 1 to {ResourceNames.MaxLength} letters, digits, '-', '_' or '.'");
        }
    }

    private static async Task<List<UrlGroupEndpointDto>> ReadEndpointsAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(context.Request, 1024 * 1024, cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(body, HeraldJson.Context.UrlGroupEndpointsRequest)?.Endpoints ?? [];
        }
        catch (JsonException ex)
        {
            throw ApiException.BadRequest("expected {\"endpoints\": [{\"url\": ..., \"name\": ...}]}: " + ex.Message);
        }
    }
}
