using Herald.Client.Http;
using Herald.Contracts;
using Herald.Contracts.Wire;

namespace Herald.Client.Dlq;

/// <summary><c>/v2/dlq</c>: the messages whose retries ran out (or that failed for good), to inspect, delete or retry.</summary>
public sealed class DlqClient
{
    private readonly HeraldHttp _http;

    internal DlqClient(HeraldHttp http) => _http = http;

    /// <summary>
    /// Every DLQ entry <paramref name="filter"/> selects, fetched page by page as the enumeration proceeds (each entry
    /// once).
    /// </summary>
    /// <param name="filter">Which entries; <see langword="null"/> for all.</param>
    /// <param name="order">The order; the server's default is oldest first.</param>
    /// <param name="pageSize">Entries per request; the server's default (and maximum) is 100.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The entries.</returns>
    public IAsyncEnumerable<MessageResponse> ListAsync(
        DlqFilter? filter = null,
        ListOrder? order = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default)
    {
        Pages.Count(pageSize, nameof(pageSize));
        Pages.Order(order);
        return Pages.EnumerateAsync(
            (cursor, ct) => ListPageAsync(filter, cursor, pageSize, order, ct),
            static page => page.Messages,
            static page => page.Cursor,
            cancellationToken);
    }

    /// <summary>One page of DLQ entries.</summary>
    /// <param name="filter">Which entries; <see langword="null"/> for all.</param>
    /// <param name="cursor">The <see cref="DlqListResponse.Cursor"/> of the previous page; <see langword="null"/> for the first.</param>
    /// <param name="count">Entries on the page; the server's default (and maximum) is 100.</param>
    /// <param name="order">The order; the server's default is oldest first.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page; its cursor is absent on the last page.</returns>
    public Task<DlqListResponse> ListPageAsync(
        DlqFilter? filter = null,
        string? cursor = null,
        int? count = null,
        ListOrder? order = null,
        CancellationToken cancellationToken = default)
    {
        var query = (filter ?? new DlqFilter()).AddTo(new QueryBuilder())
            .Add("cursor", string.IsNullOrEmpty(cursor) ? null : cursor)
            .Add("count", Pages.Count(count, nameof(count)))
            .Add("order", Pages.Order(order));
        return _http.SendAsync(_http.Create(HttpMethod.Get, "/v2/dlq" + query), HeraldJson.Context.DlqListResponse, cancellationToken);
    }

    /// <summary>Reads one DLQ entry.</summary>
    /// <param name="dlqId">The entry id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry: the message with its last response.</returns>
    /// <exception cref="HeraldApiException">404 when there is no such entry.</exception>
    public Task<MessageResponse> GetAsync(string dlqId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(_http.Create(HttpMethod.Get, "/v2/dlq/" + PathSegment.Escape(dlqId, nameof(dlqId))), HeraldJson.Context.MessageResponse, cancellationToken);

    /// <summary>Deletes one DLQ entry.</summary>
    /// <param name="dlqId">The entry id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the entry is deleted.</returns>
    /// <exception cref="HeraldApiException">404 when there is no such entry.</exception>
    public Task DeleteAsync(string dlqId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(_http.Create(HttpMethod.Delete, "/v2/dlq/" + PathSegment.Escape(dlqId, nameof(dlqId))), cancellationToken);

    /// <summary>Deletes the DLQ entries with these ids (unknown ids are skipped).</summary>
    /// <param name="dlqIds">The entry ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many entries were deleted.</returns>
    public async Task<int> DeleteManyAsync(IEnumerable<string> dlqIds, CancellationToken cancellationToken = default)
    {
        var ids = Ids(dlqIds);
        if (ids.Length == 0)
        {
            return 0;
        }

        var response = await _http.SendAsync(
            _http.CreateJson(HttpMethod.Delete, "/v2/dlq", new IdListRequest { DlqIds = ids }, HeraldJson.Context.IdListRequest),
            HeraldJson.Context.DlqDeleteResponse,
            cancellationToken).ConfigureAwait(false);
        return response.Deleted;
    }

    /// <summary>Deletes the DLQ entries <paramref name="filter"/> selects (an empty filter: every entry).</summary>
    /// <param name="filter">Which entries.</param>
    /// <param name="count">Delete at most this many (oldest first); <see langword="null"/> for all that match.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many entries were deleted.</returns>
    public async Task<int> DeleteManyAsync(DlqFilter filter, int? count = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = filter.AddTo(new QueryBuilder()).Add("count", Pages.Count(count, nameof(count)));
        var response = await _http.SendAsync(_http.Create(HttpMethod.Delete, "/v2/dlq" + query), HeraldJson.Context.DlqDeleteResponse, cancellationToken)
            .ConfigureAwait(false);
        return response.Deleted;
    }

    /// <summary>Retries a DLQ entry as a new message (new id, due now) and removes the entry.</summary>
    /// <param name="dlqId">The entry id.</param>
    /// <param name="options">Settings overriding the original message's; <see langword="null"/> keeps them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The id of the new message.</returns>
    /// <exception cref="HeraldApiException">404 when there is no such entry.</exception>
    public async Task<string> RetryAsync(string dlqId, DlqRetryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = _http.Create(HttpMethod.Post, "/v2/dlq/retry/" + PathSegment.Escape(dlqId, nameof(dlqId)));
        ApplyOrDispose(request, options);
        var response = await _http.SendAsync(request, HeraldJson.Context.PublishResponse, cancellationToken).ConfigureAwait(false);
        return response.MessageId;
    }

    /// <summary>Retries the DLQ entries with these ids as new messages and removes them (unknown ids are skipped).</summary>
    /// <param name="dlqIds">The entry ids.</param>
    /// <param name="options">Settings overriding the original messages'; <see langword="null"/> keeps them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ids of the new messages.</returns>
    public async Task<IReadOnlyList<string>> RetryManyAsync(IEnumerable<string> dlqIds, DlqRetryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var ids = Ids(dlqIds);
        if (ids.Length == 0)
        {
            return [];
        }

        // As query parameters, the form every QStash SDK sends for a retry by ids.
        return await RetryManyAsync(new DlqFilter { DlqIds = ids }, count: null, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Retries the DLQ entries <paramref name="filter"/> selects (an empty filter: every entry) and removes them.</summary>
    /// <param name="filter">Which entries.</param>
    /// <param name="count">Retry at most this many (oldest first); <see langword="null"/> for all that match.</param>
    /// <param name="options">Settings overriding the original messages'; <see langword="null"/> keeps them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ids of the new messages.</returns>
    public async Task<IReadOnlyList<string>> RetryManyAsync(
        DlqFilter filter,
        int? count = null,
        DlqRetryOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = filter.AddTo(new QueryBuilder()).Add("count", Pages.Count(count, nameof(count)));
        var request = _http.Create(HttpMethod.Post, "/v2/dlq/retry" + query);
        ApplyOrDispose(request, options);
        var response = await _http.SendAsync(request, HeraldJson.Context.DlqRetryResponse, cancellationToken).ConfigureAwait(false);
        return response.Responses.Select(r => r.MessageId).ToList();
    }

    private static string[] Ids(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var array = ids.ToArray();
        foreach (var id in array)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(id, nameof(ids));
        }

        return array;
    }

    private static void ApplyOrDispose(HttpRequestMessage request, DlqRetryOptions? options)
    {
        try
        {
            options?.ApplyTo(request);
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }
}
