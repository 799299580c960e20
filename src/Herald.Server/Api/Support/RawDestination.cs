namespace Herald.Server.Api.Support;

/// <summary>
/// The destination of <c>/v2/publish/{destination}</c> taken from the raw request target, because SDKs put the
/// URL in the path unencoded and Kestrel's decoded, dot-normalised path would change it. The request's query string
/// belongs to the destination, minus <c>qstash_token</c> and the <c>upstash-*</c> parameters, which configure
/// the publish instead.
/// </summary>
internal static class RawDestination
{
    public static (string Destination, List<KeyValuePair<string, string>> QueryHeaders) Extract(HttpContext context, string routePrefix)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (context.Request.Path + context.Request.QueryString);
        var start = target.IndexOf(routePrefix, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            throw ApiException.BadRequest("destination is missing");
        }

        var rest = target[(start + routePrefix.Length)..];
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? rest : rest[..question];
        var query = question < 0 ? "" : rest[(question + 1)..];

        // A destination sent fully percent-encoded (https%3A%2F%2F...) is decoded once.
        if (path.StartsWith("http%3A", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https%3A", StringComparison.OrdinalIgnoreCase))
        {
            path = Uri.UnescapeDataString(path);
        }

        var kept = new List<string>();
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
            if (name.Equals("qstash_token", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (name.StartsWith("upstash-", StringComparison.OrdinalIgnoreCase))
            {
                var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
                headers.Add(new KeyValuePair<string, string>(name, value));
                continue;
            }

            kept.Add(pair);
        }

        var destination = kept.Count == 0 ? path : path + "?" + string.Join('&', kept);
        return (destination, headers);
    }
}
