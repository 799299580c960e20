using Herald.Client.Http;
using Herald.Contracts;
using Herald.Contracts.Wire;

namespace Herald.Client.FlowControls;

/// <summary><c>/v2/flowControl</c>: flow-control keys, their limits and state; and <c>/v2/globalParallelism</c>.</summary>
public sealed class FlowControlClient
{
    private readonly HeraldHttp _http;

    internal FlowControlClient(HeraldHttp http) => _http = http;

    /// <summary>Reads a flow-control key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The key's limits, attempts in flight, wait list and rate count.</returns>
    /// <exception cref="HeraldApiException">404 when no message ever used the key.</exception>
    public Task<FlowControlResponse> GetAsync(string key, CancellationToken cancellationToken = default) =>
        _http.SendAsync(_http.Create(HttpMethod.Get, Path(key)), HeraldJson.Context.FlowControlResponse, cancellationToken);

    /// <summary>Lists the flow-control keys.</summary>
    /// <param name="search">Only keys containing this text; <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The keys.</returns>
    public async Task<IReadOnlyList<FlowControlResponse>> ListAsync(string? search = null, CancellationToken cancellationToken = default)
    {
        var query = new QueryBuilder().Add("search", string.IsNullOrEmpty(search) ? null : search);
        return await _http.SendAsync(_http.Create(HttpMethod.Get, "/v2/flowControl" + query), HeraldJson.Context.ListFlowControlResponse, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Pauses a key: its messages wait (the rate period keeps running).</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the key is paused.</returns>
    public Task PauseAsync(string key, CancellationToken cancellationToken = default) =>
        _http.SendAsync(_http.Create(HttpMethod.Post, Path(key) + "/pause"), cancellationToken);

    /// <summary>Resumes a paused key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the key is resumed.</returns>
    public Task ResumeAsync(string key, CancellationToken cancellationToken = default) =>
        _http.SendAsync(_http.Create(HttpMethod.Post, Path(key) + "/resume"), cancellationToken);

    /// <summary>Pins limits so that publishes no longer change them (give at least one); pinning starts a new rate period.</summary>
    /// <param name="key">The key.</param>
    /// <param name="parallelism">The pinned parallelism.</param>
    /// <param name="rate">The pinned rate.</param>
    /// <param name="period">The pinned rate period, in whole seconds.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the limits are pinned.</returns>
    public Task PinAsync(string key, int? parallelism = null, int? rate = null, TimeSpan? period = null, CancellationToken cancellationToken = default)
    {
        if (parallelism is null && rate is null && period is null)
        {
            throw new ArgumentException("pin needs a parallelism, a rate or a period");
        }

        int? periodSeconds = null;
        if (period is { } p)
        {
            if (p < TimeSpan.FromSeconds(1) || p.Ticks % TimeSpan.TicksPerSecond != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(period), period, "period must be a whole number of seconds, at least one");
            }

            periodSeconds = checked((int)p.TotalSeconds);
        }

        var query = new QueryBuilder()
            .Add("parallelism", Pages.Count(parallelism, nameof(parallelism)))
            .Add("rate", Pages.Count(rate, nameof(rate)))
            .Add("period", periodSeconds);
        return _http.SendAsync(_http.Create(HttpMethod.Post, Path(key) + "/pin" + query), cancellationToken);
    }

    /// <summary>Unpins limits: they stay until a publish brings new ones.</summary>
    /// <param name="key">The key.</param>
    /// <param name="parallelism">Unpin the parallelism.</param>
    /// <param name="rate">Unpin the rate.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the limits are unpinned.</returns>
    public Task UnpinAsync(string key, bool parallelism = true, bool rate = true, CancellationToken cancellationToken = default)
    {
        var query = new QueryBuilder()
            .Add("parallelism", parallelism ? "true" : null)
            .Add("rate", rate ? "true" : null);
        return _http.SendAsync(_http.Create(HttpMethod.Post, Path(key) + "/unpin" + query), cancellationToken);
    }

    /// <summary>Sets the key's rate count to zero and starts a new rate period now.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the rate is reset.</returns>
    public Task ResetRateAsync(string key, CancellationToken cancellationToken = default) =>
        _http.SendAsync(_http.Create(HttpMethod.Post, Path(key) + "/resetRate"), cancellationToken);

    /// <summary>Reads the server's limit of attempts in flight and how many are in flight.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The limit and the count.</returns>
    public Task<GlobalParallelismResponse> GetGlobalParallelismAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync(_http.Create(HttpMethod.Get, "/v2/globalParallelism"), HeraldJson.Context.GlobalParallelismResponse, cancellationToken);

    private static string Path(string key) => "/v2/flowControl/" + PathSegment.Escape(key, nameof(key));
}
