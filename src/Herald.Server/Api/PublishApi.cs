using Herald.Contracts;
using Herald.Contracts.Wire;
using Herald.Core.Messages;
using Herald.Core.Storage;
using Herald.Server.Api.Support;
using Herald.Server.Auth;

namespace Herald.Server.Api;

/// <summary>
/// <c>POST /v2/publish/{destination}</c> and <c>POST /v2/enqueue/{queue}/{destination}</c>: store the message(s)
/// durably, then answer. A URL destination answers one object; a URL group answers one element per endpoint.
/// </summary>
internal static class PublishApi
{
    private const string PublishPrefix = "/v2/publish/";
    private const string EnqueuePrefix = "/v2/enqueue/";

    public static IEndpointRouteBuilder MapPublishApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/publish/{**destination}", PublishAsync).WithName("Publish").WithSummary("Publish a message to a URL or URL group");
        app.MapPost("/v2/enqueue/{queueName}/{**destination}", EnqueueAsync).WithName("Enqueue").WithSummary("Enqueue a message into a queue");
        return app;
    }

    private static Task<IResult> PublishAsync(HttpContext context, PublishServices services, CancellationToken cancellationToken)
    {
        var (destination, queryHeaders) = RawDestination.Extract(context, PublishPrefix);
        return HandleAsync(context, services, destination, queryHeaders, queueName: null, cancellationToken);
    }

    private static Task<IResult> EnqueueAsync(HttpContext context, PublishServices services, CancellationToken cancellationToken)
    {
        var (rest, queryHeaders) = RawDestination.Extract(context, EnqueuePrefix);
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw ApiException.BadRequest("expected /v2/enqueue/{queue}/{destination}");
        }

        return HandleAsync(context, services, rest[(slash + 1)..], queryHeaders, Uri.UnescapeDataString(rest[..slash]), cancellationToken);
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context,
        PublishServices services,
        string destination,
        IReadOnlyList<KeyValuePair<string, string>> queryHeaders,
        string? queueName,
        CancellationToken cancellationToken)
    {
        var tenant = context.Tenant();
        var body = await RequestBody.ReadAsync(context.Request, services.Options.Value.MaxBodySize.Bytes, cancellationToken);
        var draft = services.Parser.Parse(PublishInputs.From(context, destination, queryHeaders, body));
        var messages = await services.Planner.PlanAsync(tenant.Id, draft, queueName, cancellationToken);
        var outcomes = await services.Publisher.StoreAsync(messages, cancellationToken);
        if (draft.UrlGroup is null)
        {
            return Published(outcomes[0], messages[0].Spec.Url);
        }

        var all = outcomes.All(o => o.Deduplicated);
        return ApiResults.Json(Responses(messages, outcomes), HeraldJson.Context.ListPublishResponse, all ? StatusCodes.Status202Accepted : StatusCodes.Status200OK);
    }

    /// <summary>200 with the new id, or 202 with the original id when the publish was deduplicated.</summary>
    public static IResult Published(PublishOutcome outcome, string url) =>
        ApiResults.Json(Response(outcome, url), HeraldJson.Context.PublishResponse, outcome.Deduplicated ? StatusCodes.Status202Accepted : StatusCodes.Status200OK);

    public static PublishResponse Response(PublishOutcome outcome, string url) =>
        new() { MessageId = outcome.MessageId, Url = url, Deduplicated = outcome.Deduplicated ? true : null };

    public static List<PublishResponse> Responses(IReadOnlyList<NewMessage> messages, IReadOnlyList<PublishOutcome> outcomes) =>
        messages.Select((m, i) => Response(outcomes[i], m.Spec.Url)).ToList();
}
