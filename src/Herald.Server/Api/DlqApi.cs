using Herald.Contracts;
using Herald.Contracts.Wire;
using Herald.Core.Delivery;
using Herald.Core.Publishing;
using Herald.Core.Storage;
using Herald.Server.Api.Support;
using Herald.Server.Auth;

namespace Herald.Server.Api;

/// <summary><c>/v2/dlq</c>: list, read, delete and retry dead-lettered messages.</summary>
internal static class DlqApi
{
    private const int MaxPage = 100;
    private const int BulkChunk = 1000;

    private static readonly HashSet<string> FilterParameters = new(StringComparer.Ordinal)
    {
        "messageId", "messageIds", "url", "topicName", "scheduleId", "queueName", "fromDate", "toDate", "responseStatus",
        "callerIp", "callerIP", "label", "flowControlKey", "dlqIds",
    };

    private static readonly HashSet<string> ListParameters = [.. FilterParameters, "cursor", "count", "order"];

    private static readonly HashSet<string> BulkParameters = [.. FilterParameters, "cursor", "count"];

    public static IEndpointRouteBuilder MapDlqApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/dlq");
        group.MapGet("/", ListAsync).WithName("ListDlq").WithSummary("List DLQ entries");
        group.MapGet("/{dlqId}", GetAsync).WithName("GetDlqEntry").WithSummary("Read a DLQ entry");
        group.MapDelete("/{dlqId}", DeleteOneAsync).WithName("DeleteDlqEntry").WithSummary("Delete a DLQ entry");
        group.MapDelete("/", DeleteManyAsync).WithName("DeleteDlqEntries").WithSummary("Delete DLQ entries by id or filter");
        group.MapPost("/retry", RetryManyAsync).WithName("RetryDlqEntries").WithSummary("Retry DLQ entries by id or filter");
        group.MapPost("/retry/{dlqId}", RetryOneAsync).WithName("RetryDlqEntry").WithSummary("Retry one DLQ entry");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IHeraldStore store, CancellationToken cancellationToken)
    {
        var query = QueryReader.For(context.Request, ListParameters);
        var page = new PageRequest(query.Cursor(), query.Int("count", 1, MaxPage) ?? MaxPage, query.Descending(byDefault: false));
        var result = await store.Dlq.ListAsync(context.Tenant().Id, query.Filter(), page, cancellationToken);
        var response = new DlqListResponse { Messages = result.Items.Select(WireMapper.ToResponse).ToList(), Cursor = Cursor(result.NextCursor) };
        return ApiResults.Json(response, HeraldJson.Context.DlqListResponse);
    }

    private static async Task<IResult> GetAsync(string dlqId, HttpContext context, IHeraldStore store, CancellationToken cancellationToken)
    {
        var entry = await store.Dlq.GetAsync(context.Tenant().Id, dlqId, cancellationToken)
            ?? throw ApiException.NotFound($"DLQ entry {dlqId} not found");
        return ApiResults.Json(WireMapper.ToResponse(entry), HeraldJson.Context.MessageResponse);
    }

    private static async Task<IResult> DeleteOneAsync(string dlqId, HttpContext context, IHeraldStore store, CancellationToken cancellationToken)
    {
        var result = await store.Dlq.DeleteAsync(context.Tenant().Id, new QueryFilter { DlqIds = [dlqId] }, new PageRequest(null, 1), cancellationToken);
        return result.Items.Count == 0
            ? throw ApiException.NotFound($"DLQ entry {dlqId} not found")
            : ApiResults.Json(new DlqDeleteResponse { Deleted = 1 }, HeraldJson.Context.DlqDeleteResponse);
    }

    private static async Task<IResult> DeleteManyAsync(HttpContext context, IHeraldStore store, CancellationToken cancellationToken)
    {
        var (filter, count, cursor, bodyForm) = await BulkSelectionAsync(context, cancellationToken);
        var tenant = context.Tenant().Id;
        var result = await RunBulkAsync(page => store.Dlq.DeleteAsync(tenant, filter, page, cancellationToken), count, cursor);
        var response = new DlqDeleteResponse { Deleted = result.Items.Count, Cursor = bodyForm ? null : Cursor(result.NextCursor) };
        return ApiResults.Json(response, HeraldJson.Context.DlqDeleteResponse);
    }

    private static async Task<IResult> RetryManyAsync(
        HttpContext context,
        IHeraldStore store,
        PublishRequestParser parser,
        MessagePublisher publisher,
        IDeliverySignal signal,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var (filter, count, cursor, _) = await BulkSelectionAsync(context, cancellationToken);
        var rebuild = Rebuilder(context, parser, publisher);
        var tenant = context.Tenant().Id;
        var result = await RunBulkAsync(page => store.Dlq.RetryAsync(tenant, filter, page, rebuild, cancellationToken), count, cursor);
        if (result.Items.Count > 0)
        {
            signal.MessagesStored(timeProvider.GetUtcNow());
        }

        var response = new DlqRetryResponse
        {
            Responses = result.Items.Select(id => new PublishResponse { MessageId = id }).ToList(),
            Cursor = Cursor(result.NextCursor),
        };
        return ApiResults.Json(response, HeraldJson.Context.DlqRetryResponse);
    }

    private static async Task<IResult> RetryOneAsync(
        string dlqId,
        HttpContext context,
        IHeraldStore store,
        PublishRequestParser parser,
        MessagePublisher publisher,
        IDeliverySignal signal,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var result = await store.Dlq.RetryAsync(
            context.Tenant().Id, new QueryFilter { DlqIds = [dlqId] }, new PageRequest(null, 1), Rebuilder(context, parser, publisher), cancellationToken);
        if (result.Items.Count == 0)
        {
            throw ApiException.NotFound($"DLQ entry {dlqId} not found");
        }

        signal.MessagesStored(timeProvider.GetUtcNow());
        return ApiResults.Json(new PublishResponse { MessageId = result.Items[0] }, HeraldJson.Context.PublishResponse, StatusCodes.Status201Created);
    }

    /// <summary>A retried entry becomes a new message (new id) with the original's spec, due now, overridden by the request's configuration headers.</summary>
    private static Func<DlqEntry, Core.Messages.NewMessage> Rebuilder(HttpContext context, PublishRequestParser parser, MessagePublisher publisher)
    {
        var tenant = context.Tenant().Id;
        var headers = PublishInputs.From(context, "", [], []).Headers;
        return entry => publisher.Create(tenant, parser.ApplyOverrides(entry.Message.Spec, headers), dedupKey: null);
    }

    private static async Task<(QueryFilter Filter, int? Count, long? Cursor, bool BodyForm)> BulkSelectionAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var query = QueryReader.For(context.Request, BulkParameters);
        var filter = query.Filter();
        var ids = await BodyIds.ReadAsync(context.Request, static r => r.DlqIds, cancellationToken);
        if (ids is not null)
        {
            return (filter with { DlqIds = ids }, ids.Length, null, true);
        }

        return (filter, query.Int("count", 1, 100_000), query.Cursor(), false);
    }

    /// <summary>With a count: one page and a cursor when more remain. Without: every match, in chunks.</summary>
    private static async Task<BulkResult<string>> RunBulkAsync(Func<PageRequest, Task<BulkResult<string>>> run, int? count, long? cursor)
    {
        if (count is { } n)
        {
            return n == 0 ? new BulkResult<string>([], null) : await run(new PageRequest(cursor, n));
        }

        var all = new List<string>();
        while (true)
        {
            var result = await run(new PageRequest(cursor, BulkChunk));
            all.AddRange(result.Items);
            if (result.NextCursor is null)
            {
                return new BulkResult<string>(all, null);
            }

            cursor = result.NextCursor;
        }
    }

    private static string? Cursor(long? next) => next?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
