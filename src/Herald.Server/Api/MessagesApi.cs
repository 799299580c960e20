using Herald.Contracts;
using Herald.Contracts.Wire;
using Herald.Core.Delivery;
using Herald.Core.Storage;
using Herald.Server.Api.Support;
using Herald.Server.Auth;

namespace Herald.Server.Api;

/// <summary><c>/v2/messages</c>: read a message, cancel one, cancel many.</summary>
internal static class MessagesApi
{
    private static readonly HashSet<string> BulkCancelParameters = new(StringComparer.Ordinal)
    {
        "messageIds", "messageId", "topicName", "queueName", "url", "host", "path", "label", "flowControlKey", "scheduleId",
        "callerIp", "callerIP", "fromDate", "toDate", "count",
    };

    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/messages");
        group.MapGet("/{messageId}", GetAsync).WithName("GetMessage").WithSummary("Read a message");
        group.MapDelete("/{messageId}", CancelOneAsync).WithName("CancelMessage").WithSummary("Cancel a message");
        group.MapDelete("/", CancelManyAsync).WithName("CancelMessages").WithSummary("Cancel messages by id or filter");
        return app;
    }

    private static async Task<IResult> GetAsync(string messageId, HttpContext context, IHeraldStore store, CancellationToken cancellationToken)
    {
        var message = await store.Messages.GetAsync(context.Tenant().Id, messageId, cancellationToken);

        // A cancelled message is gone for the client at once, even while its aborted attempt winds down.
        if (message is null or { State: Core.Messages.MessageState.CancelRequested })
        {
            throw ApiException.NotFound($"message {messageId} not found");
        }

        return ApiResults.Json(WireMapper.ToResponse(message), HeraldJson.Context.MessageResponse);
    }

    private static async Task<IResult> CancelOneAsync(
        string messageId,
        HttpContext context,
        IHeraldStore store,
        DeliveryEngine engine,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var filter = new QueryFilter { MessageIds = [messageId] };
        var result = await store.Messages.CancelAsync(context.Tenant().Id, filter, 1, timeProvider.GetUtcNow(), cancellationToken);
        if (result.Cancelled == 0)
        {
            throw ApiException.NotFound($"message {messageId} not found or already finished");
        }

        engine.Abort(result.InFlight);
        return ApiResults.Json(new CancelResponse(result.Cancelled), HeraldJson.Context.CancelResponse);
    }

    private static async Task<IResult> CancelManyAsync(
        HttpContext context,
        IHeraldStore store,
        DeliveryEngine engine,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var query = QueryReader.For(context.Request, BulkCancelParameters);
        var filter = query.Filter();
        var count = query.Int("count", 1, 100_000);
        var ids = await BodyIds.ReadAsync(context.Request, static r => r.MessageIds, cancellationToken);
        if (ids is not null)
        {
            if (ids.Length == 0)
            {
                return ApiResults.Json(new CancelResponse(0), HeraldJson.Context.CancelResponse);
            }

            filter = filter with { MessageIds = ids };
        }

        var result = await store.Messages.CancelAsync(context.Tenant().Id, filter, count, timeProvider.GetUtcNow(), cancellationToken);
        engine.Abort(result.InFlight);
        return ApiResults.Json(new CancelResponse(result.Cancelled), HeraldJson.Context.CancelResponse);
    }
}
