using System.Net;
using Herald.Core.Publishing;
using Microsoft.Extensions.Options;

namespace Herald.Server.Api.Support;

/// <summary>Turns an HTTP request into the transport-neutral <see cref="PublishInput"/> Core validates.</summary>
internal static class PublishInputs
{
    public static PublishInput From(HttpContext context, string destination, IReadOnlyList<KeyValuePair<string, string>> queryHeaders, byte[] body)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                if (value is not null)
                {
                    headers.Add(new KeyValuePair<string, string>(name, value));
                }
            }
        }

        foreach (var pair in queryHeaders)
        {
            // Query-string configuration is the webhook form of a header; a real header wins.
            if (!context.Request.Headers.ContainsKey(pair.Key))
            {
                headers.Add(pair);
            }
        }

        return new PublishInput
        {
            Destination = destination,
            Headers = headers,
            Body = body,
            CallerIp = CallerIp(context),
            TraceParent = context.Request.Headers.TryGetValue("traceparent", out var trace) ? trace.ToString() : null,
        };
    }

    public static string? CallerIp(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<HeraldServerOptions>>().Value;
        if (options.TrustForwardedFor && context.Request.Headers.TryGetValue("X-Forwarded-For", out var forwarded)
            && forwarded.ToString().Split(',')[0].Trim() is { Length: > 0 } first && IPAddress.TryParse(first, out var parsed))
        {
            return parsed.ToString();
        }

        var remote = context.Connection.RemoteIpAddress;
        return remote is null ? null : (remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote).ToString();
    }
}
