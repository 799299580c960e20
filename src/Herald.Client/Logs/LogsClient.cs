using Herald.Client.Http;
using Herald.Contracts;
using Herald.Contracts.Wire;

namespace Herald.Client.Logs;

/// <summary><c>/v2/events</c>: every state change of every message, newest first by default.</summary>
public sealed class LogsClient
{
    private readonly HeraldHttp _http;

    internal LogsClient(HeraldHttp http) => _http = http;

    /// <summary>
    /// Every log entry <paramref name="filter"/> selects, fetched page by page as the enumeration proceeds (each entry
    /// once).
    /// </summary>
    /// <param name="filter">Which entries; <see langword="null"/> for all.</param>
    /// <param name="order">The order; the server's default is newest first.</param>
    /// <param name="pageSize">Entries per request; Herald's default (and maximum) is 1000.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The entries.</returns>
    public IAsyncEnumerable<LogEntry> ListAsync(
        LogFilter? filter = null,
        ListOrder? order = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default)
    {
        Pages.Count(pageSize, nameof(pageSize));
        Pages.Order(order);
        return Pages.EnumerateAsync(
            (cursor, ct) => ListPageAsync(filter, cursor, pageSize, order, ct),
            static page => page.Events,
            static page => page.Cursor,
            cancellationToken);
    }

    /// <summary>One page of log entries.</summary>
    /// <param name="filter">Which entries; <see langword="null"/> for all.</param>
    /// <param name="cursor">The <see cref="EventsResponse.Cursor"/> of the previous page; <see langword="null"/> for the first.</param>
    /// <param name="count">Entries on the page; Herald's default (and maximum) is 1000.</param>
    /// <param name="order">The order; the server's default is newest first.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page; its cursor is absent on the last page.</returns>
    public Task<EventsResponse> ListPageAsync(
        LogFilter? filter = null,
        string? cursor = null,
        int? count = null,
        ListOrder? order = null,
        CancellationToken cancellationToken = default)
    {
        var query = (filter ?? new LogFilter()).AddTo(new QueryBuilder())
            .Add("cursor", string.IsNullOrEmpty(cursor) ? null : cursor)
            .Add("count", Pages.Count(count, nameof(count)))
            .Add("order", Pages.Order(order));
        return _http.SendAsync(_http.Create(HttpMethod.Get, "/v2/events" + query), HeraldJson.Context.EventsResponse, cancellationToken);
    }
}
