using Herald.Contracts;
using Herald.Contracts.Wire;
using Herald.Core.Signing;
using Herald.Server.Api.Support;
using Herald.Server.Auth;

namespace Herald.Server.Api;

/// <summary><c>/v2/keys</c>: the tenant's signing keys and their rotation.</summary>
internal static class KeysApi
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/keys", GetAsync).WithName("GetSigningKeys").WithSummary("Read the signing keys");
        app.MapMethods("/v2/keys/rotate", ["POST", "GET"], RotateAsync).WithName("RotateSigningKeys").WithSummary("Rotate the signing keys");
        return app;
    }

    private static async Task<IResult> GetAsync(HttpContext context, SigningKeyService keys, CancellationToken cancellationToken)
    {
        var pair = await keys.GetAsync(context.Tenant().Id, cancellationToken);
        return ApiResults.Json(new SigningKeysResponse(pair.Current, pair.Next), HeraldJson.Context.SigningKeysResponse);
    }

    /// <summary>The next key becomes current and a fresh next key is made; receivers that know both keep verifying.</summary>
    private static async Task<IResult> RotateAsync(HttpContext context, SigningKeyService keys, CancellationToken cancellationToken)
    {
        var pair = await keys.RotateAsync(context.Tenant().Id, cancellationToken);
        return ApiResults.Json(new SigningKeysResponse(pair.Current, pair.Next), HeraldJson.Context.SigningKeysResponse);
    }
}
