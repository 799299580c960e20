using Herald.Contracts;
using Herald.Contracts.Wire;
using Herald.Core.Configuration;
using Herald.Core.Publishing;
using Herald.Core.Storage;
using Herald.Server.Api.Support;
using Herald.Server.Auth;
using Microsoft.Extensions.Options;

namespace Herald.Server.Api;

/// <summary><c>POST /v2/publish/{destination}</c>: store a message durably, then answer.</summary>
internal static class PublishApi
{
    public const string RoutePrefix = "/v2/publish/";

    public static IEndpointRouteBuilder MapPublishApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/publish/{**destination}", PublishAsync).WithName("Publish").WithSummary("Publish a message to a URL");
        return app;
    }

    private static async Task<IResult> PublishAsync(
        HttpContext context,
        PublishRequestParser parser,
        MessagePublisher publisher,
        IOptions<MessageOptions> options,
        CancellationToken cancellationToken)
    {
        var tenant = context.Tenant();
        var (destination, queryHeaders) = RawDestination.Extract(context, RoutePrefix);
        var body = await RequestBody.ReadAsync(context.Request, options.Value.MaxBodySize.Bytes, cancellationToken);
        var draft = parser.Parse(PublishInputs.From(context, destination, queryHeaders, body));
        var message = publisher.Create(tenant.Id, draft.Spec, draft.DedupKey);
        var outcomes = await publisher.StoreAsync([message], cancellationToken);
        return Published(outcomes[0], draft.Spec.Url);
    }

    /// <summary>200 with the new id, or 202 with the original id when the publish was deduplicated.</summary>
    public static IResult Published(PublishOutcome outcome, string url) =>
        ApiResults.Json(
            new PublishResponse { MessageId = outcome.MessageId, Url = url, Deduplicated = outcome.Deduplicated ? true : null },
            HeraldJson.Context.PublishResponse,
            outcome.Deduplicated ? StatusCodes.Status202Accepted : StatusCodes.Status200OK);
}
