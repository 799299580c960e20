using Herald.Contracts;
using Herald.Contracts.Wire;
using Herald.Core.Storage;
using Herald.Server.Api.Support;
using Herald.Server.Auth;

namespace Herald.Server.Api;

/// <summary>
/// The event log: <c>GET /v2/events</c> (what the SDKs call, array key <c>events</c>) and <c>GET /v2/logs</c>
/// (the documented name, array key <c>logs</c>); newest first by default.
/// </summary>
internal static class LogsApi
{
    private const int MaxPage = 1000;

    private static readonly HashSet<string> Parameters = new(StringComparer.Ordinal)
    {
        "cursor", "count", "order", "messageId", "messageIds", "state", "url", "topicName", "scheduleId", "queueName",
        "fromDate", "toDate", "label", "flowControlKey", "callerIp", "callerIP", "host", "path", "responseStatus",
    };

    public static IEndpointRouteBuilder MapLogsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/events", EventsAsync).WithName("ListEvents").WithSummary("List message events (SDK name)");
        app.MapGet("/v2/logs", LogsAsync).WithName("ListLogs").WithSummary("List message events");
        return app;
    }

    private static async Task<IResult> EventsAsync(HttpContext context, IHeraldStore store, CancellationToken cancellationToken)
    {
        var (entries, cursor) = await ReadAsync(context, store, defaultCount: MaxPage, cancellationToken);
        return ApiResults.Json(new EventsResponse { Events = entries, Cursor = cursor }, HeraldJson.Context.EventsResponse);
    }

    private static async Task<IResult> LogsAsync(HttpContext context, IHeraldStore store, CancellationToken cancellationToken)
    {
        var (entries, cursor) = await ReadAsync(context, store, defaultCount: 100, cancellationToken);
        return ApiResults.Json(new LogsResponse { Logs = entries, Cursor = cursor }, HeraldJson.Context.LogsResponse);
    }

    private static async Task<(List<LogEntry> Entries, string? Cursor)> ReadAsync(HttpContext context, IHeraldStore store, int defaultCount, CancellationToken cancellationToken)
    {
        var query = QueryReader.For(context.Request, Parameters);
        var page = new PageRequest(query.Cursor(), query.Int("count", 1, MaxPage) ?? defaultCount, query.Descending(byDefault: true));
        var result = await store.Events.ListAsync(context.Tenant().Id, query.Filter(), page, cancellationToken);
        return (result.Items.Select(WireMapper.ToLogEntry).ToList(), result.NextCursor?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
