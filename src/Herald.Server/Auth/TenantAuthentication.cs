using Herald.Core.Tenants;
using Herald.Server.Api.Support;

namespace Herald.Server.Auth;

/// <summary>
/// Every <c>/v2</c> request authenticates as a tenant with <c>Authorization: Bearer TOKEN</c> or the
/// <c>qstash_token</c> query parameter; everything it reads or writes is that tenant's.
/// </summary>
internal static class TenantAuthentication
{
    private const string ItemKey = "herald.tenant";

    public static IApplicationBuilder UseTenantAuthentication(this IApplicationBuilder app) =>
        app.UseWhen(
            static c => c.Request.Path.StartsWithSegments("/v2", StringComparison.OrdinalIgnoreCase),
            static branch => branch.Use(static (context, next) =>
            {
                var token = BearerToken(context.Request) ?? context.Request.Query["qstash_token"].FirstOrDefault();
                if (string.IsNullOrEmpty(token))
                {
                    throw new ApiException(StatusCodes.Status401Unauthorized, "missing token: send Authorization: Bearer <token>");
                }

                var tenant = context.RequestServices.GetRequiredService<TenantDirectory>().FindByToken(token)
                    ?? throw new ApiException(StatusCodes.Status401Unauthorized, "invalid token");
                context.Items[ItemKey] = tenant;
                return next(context);
            }));

    public static Tenant Tenant(this HttpContext context) =>
        context.Items[ItemKey] as Tenant ?? throw new InvalidOperationException("the request was not authenticated");

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }
}
