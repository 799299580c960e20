using Herald.Core.Egress;

namespace Herald.Core.Publishing;

/// <summary>
/// Checks a destination or callback URL at publish time: absolute http(s), a host, no user info, and not an IP
/// literal the egress policy blocks. The URL is kept verbatim; nothing is normalised.
/// </summary>
public sealed class DestinationValidator(EgressPolicy policy)
{
    public const int MaxUrlLength = 4096;

    /// <summary>Whether a destination is meant as a URL (else it names a URL group).</summary>
    public static bool LooksLikeUrl(string destination) =>
        destination.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || destination.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || destination.Contains("://", StringComparison.Ordinal) || destination.Contains('/', StringComparison.Ordinal);

    public string Validate(string url, string what)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new PublishRejectedException($"{what} is missing");
        }

        if (url.Length > MaxUrlLength)
        {
            throw new PublishRejectedException($"{what} is longer than {MaxUrlLength} characters");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host)
            || !url.StartsWith(uri.Scheme + "://", StringComparison.OrdinalIgnoreCase))
        {
            throw new PublishRejectedException($"invalid {what} '{url}': expected an absolute http:// or https:// URL");
        }

        if (EgressUrl.HasUserInfo(uri))
        {
            throw new PublishRejectedException($"invalid {what} '{url}': user info in URLs is not allowed; forward an Authorization header instead");
        }

        if (EgressUrl.TryGetBlockedLiteral(uri, policy, out var address))
        {
            throw new PublishRejectedException($"{what} '{url}' points to a non-public address ({address}); add it to Egress:AllowedNetworks to allow it");
        }

        return url;
    }
}
