using Herald.Client.Http;
using Herald.Contracts;
using Herald.Contracts.Wire;

namespace Herald.Client.Messages;

/// <summary><c>/v2/messages</c>: read a stored message, cancel one, cancel many.</summary>
public sealed class MessagesClient
{
    private readonly HeraldHttp _http;

    internal MessagesClient(HeraldHttp http) => _http = http;

    /// <summary>Reads a pending, in-flight or recently delivered message.</summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The message with its settings.</returns>
    /// <exception cref="HeraldApiException">404 when the message is unknown, cancelled or no longer kept.</exception>
    public Task<MessageResponse> GetAsync(string messageId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(
            _http.Create(HttpMethod.Get, "/v2/messages/" + PathSegment.Escape(messageId, nameof(messageId))),
            HeraldJson.Context.MessageResponse,
            cancellationToken);

    /// <summary>Cancels a message; an attempt in flight is aborted.</summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many messages were cancelled (1).</returns>
    /// <exception cref="HeraldApiException">404 when the message is unknown or already finished.</exception>
    public async Task<int> CancelAsync(string messageId, CancellationToken cancellationToken = default)
    {
        var response = await _http.SendAsync(
            _http.Create(HttpMethod.Delete, "/v2/messages/" + PathSegment.Escape(messageId, nameof(messageId))),
            HeraldJson.Context.CancelResponse,
            cancellationToken).ConfigureAwait(false);
        return response.Cancelled;
    }

    /// <summary>Cancels the messages with these ids (those already finished are skipped).</summary>
    /// <param name="messageIds">The message ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many messages were cancelled.</returns>
    public async Task<int> CancelManyAsync(IEnumerable<string> messageIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var ids = messageIds.ToArray();
        if (ids.Length == 0)
        {
            return 0;
        }

        var response = await _http.SendAsync(
            _http.CreateJson(HttpMethod.Delete, "/v2/messages", new IdListRequest { MessageIds = ids }, HeraldJson.Context.IdListRequest),
            HeraldJson.Context.CancelResponse,
            cancellationToken).ConfigureAwait(false);
        return response.Cancelled;
    }

    /// <summary>Cancels the messages <paramref name="filter"/> selects (an empty filter: every message).</summary>
    /// <param name="filter">Which messages.</param>
    /// <param name="count">Cancel at most this many; <see langword="null"/> for all that match.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many messages were cancelled.</returns>
    public async Task<int> CancelManyAsync(MessageFilter filter, int? count = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = filter.AddTo(new QueryBuilder()).Add("count", Pages.Count(count, nameof(count)));
        var response = await _http.SendAsync(
            _http.Create(HttpMethod.Delete, "/v2/messages" + query),
            HeraldJson.Context.CancelResponse,
            cancellationToken).ConfigureAwait(false);
        return response.Cancelled;
    }
}
