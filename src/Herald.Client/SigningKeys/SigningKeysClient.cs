using Herald.Client.Http;
using Herald.Contracts;
using Herald.Contracts.Wire;

namespace Herald.Client.SigningKeys;

/// <summary><c>/v2/keys</c>: the keys deliveries are signed with (give both to a <c>SignatureVerifier</c>).</summary>
public sealed class SigningKeysClient
{
    private readonly HeraldHttp _http;

    internal SigningKeysClient(HeraldHttp http) => _http = http;

    /// <summary>Reads the current and next signing keys.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The keys.</returns>
    public Task<SigningKeysResponse> GetAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync(_http.Create(HttpMethod.Get, "/v2/keys"), HeraldJson.Context.SigningKeysResponse, cancellationToken);

    /// <summary>Rotates: the next key becomes current and a new next key is made. Receivers that know both keep verifying.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new keys.</returns>
    public Task<SigningKeysResponse> RotateAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync(_http.Create(HttpMethod.Post, "/v2/keys/rotate"), HeraldJson.Context.SigningKeysResponse, cancellationToken);
}
