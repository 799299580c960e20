using Herald.Client.Http;
using Herald.Contracts;
using Herald.Contracts.Wire;

namespace Herald.Client.UrlGroups;

/// <summary><c>/v2/topics</c>: URL groups, names whose publishes fan out to every endpoint.</summary>
public sealed class UrlGroupsClient
{
    private readonly HeraldHttp _http;

    internal UrlGroupsClient(HeraldHttp http) => _http = http;

    /// <summary>Adds endpoints to a URL group, creating the group when it does not exist.</summary>
    /// <param name="urlGroup">The group's name (letters, digits, <c>-</c>, <c>_</c>, <c>.</c>).</param>
    /// <param name="endpoints">The endpoints: a URL each, and optionally a name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the endpoints are stored.</returns>
    public Task AddEndpointsAsync(string urlGroup, IEnumerable<UrlGroupEndpointDto> endpoints, CancellationToken cancellationToken = default)
    {
        var body = Body(endpoints);
        return _http.SendAsync(
            _http.CreateJson(HttpMethod.Post, Path(urlGroup) + "/endpoints", body, HeraldJson.Context.UrlGroupEndpointsRequest),
            cancellationToken);
    }

    /// <summary>Removes endpoints (matched by URL or name); removing the last one deletes the group.</summary>
    /// <param name="urlGroup">The group's name.</param>
    /// <param name="endpoints">The endpoints, each with a URL or a name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the endpoints are removed.</returns>
    /// <exception cref="HeraldApiException">404 when there is no such group.</exception>
    public Task RemoveEndpointsAsync(string urlGroup, IEnumerable<UrlGroupEndpointDto> endpoints, CancellationToken cancellationToken = default)
    {
        var body = Body(endpoints);
        return _http.SendAsync(
            _http.CreateJson(HttpMethod.Delete, Path(urlGroup) + "/endpoints", body, HeraldJson.Context.UrlGroupEndpointsRequest),
            cancellationToken);
    }

    /// <summary>Reads a URL group.</summary>
    /// <param name="urlGroup">The group's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The group with its endpoints exactly as added.</returns>
    /// <exception cref="HeraldApiException">404 when there is no such group.</exception>
    public Task<UrlGroupResponse> GetAsync(string urlGroup, CancellationToken cancellationToken = default) =>
        _http.SendAsync(_http.Create(HttpMethod.Get, Path(urlGroup)), HeraldJson.Context.UrlGroupResponse, cancellationToken);

    /// <summary>Lists the URL groups.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Every group.</returns>
    public async Task<IReadOnlyList<UrlGroupResponse>> ListAsync(CancellationToken cancellationToken = default) =>
        await _http.SendAsync(_http.Create(HttpMethod.Get, "/v2/topics"), HeraldJson.Context.ListUrlGroupResponse, cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes a URL group; messages already published continue.</summary>
    /// <param name="urlGroup">The group's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the group is deleted.</returns>
    /// <exception cref="HeraldApiException">404 when there is no such group.</exception>
    public Task DeleteAsync(string urlGroup, CancellationToken cancellationToken = default) =>
        _http.SendAsync(_http.Create(HttpMethod.Delete, Path(urlGroup)), cancellationToken);

    /// <summary>
    /// Herald extension: turns Standard Webhooks signing of the group's deliveries on or off (deliveries keep their
    /// <c>Upstash-Signature</c> either way). Verify them with <c>StandardWebhooksVerifier</c> and the returned secrets.
    /// </summary>
    /// <param name="urlGroup">The group's name.</param>
    /// <param name="standardWebhooks">Whether to add <c>webhook-id</c>, <c>webhook-timestamp</c> and <c>webhook-signature</c>.</param>
    /// <param name="secrets">The <c>whsec_</c> secrets, current first (several while rotating); <see langword="null"/> to have one generated.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether signing is on, and the secrets.</returns>
    /// <exception cref="HeraldApiException">404 when there is no such group; 400 for invalid secrets.</exception>
    public Task<UrlGroupSigningResponse> SetSigningAsync(
        string urlGroup,
        bool standardWebhooks,
        IEnumerable<string>? secrets = null,
        CancellationToken cancellationToken = default)
    {
        var body = new UrlGroupSigningRequest { StandardWebhooks = standardWebhooks, Secrets = secrets?.ToList() };
        return _http.SendAsync(
            _http.CreateJson(HttpMethod.Put, Path(urlGroup) + "/signing", body, HeraldJson.Context.UrlGroupSigningRequest),
            HeraldJson.Context.UrlGroupSigningResponse,
            cancellationToken);
    }

    /// <summary>Herald extension: reads whether the group's deliveries carry Standard Webhooks signatures, and the secrets.</summary>
    /// <param name="urlGroup">The group's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether signing is on, and the secrets.</returns>
    /// <exception cref="HeraldApiException">404 when there is no such group.</exception>
    public Task<UrlGroupSigningResponse> GetSigningAsync(string urlGroup, CancellationToken cancellationToken = default) =>
        _http.SendAsync(_http.Create(HttpMethod.Get, Path(urlGroup) + "/signing"), HeraldJson.Context.UrlGroupSigningResponse, cancellationToken);

    private static UrlGroupEndpointsRequest Body(IEnumerable<UrlGroupEndpointDto> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var list = endpoints.ToList();
        if (list.Count == 0 || list.Any(e => e is null || (string.IsNullOrEmpty(e.Url) && string.IsNullOrEmpty(e.Name))))
        {
            throw new ArgumentException("give at least one endpoint, each with a url or a name", nameof(endpoints));
        }

        return new UrlGroupEndpointsRequest { Endpoints = list };
    }

    private static string Path(string urlGroup) => "/v2/topics/" + PathSegment.Escape(urlGroup, nameof(urlGroup));
}
