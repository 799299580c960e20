using System.Globalization;
using Herald.Core.Messages;
using Herald.Core.Storage;

namespace Herald.Server.Api.Support;

/// <summary>
/// Reads an endpoint's query string against its allow-list: an unknown parameter is a 400 (so a typo such as
/// <c>labeel</c> is not silently ignored). Multi-value parameters repeat or are comma-separated.
/// </summary>
internal sealed class QueryReader
{
    private static readonly string[] Always = ["qstash_token"];

    private readonly IQueryCollection _query;

    private QueryReader(IQueryCollection query) => _query = query;

    public bool IsEmpty => _query.Keys.All(k => Always.Contains(k, StringComparer.OrdinalIgnoreCase));

    public static QueryReader For(HttpRequest request, IReadOnlySet<string> allowed)
    {
        foreach (var key in request.Query.Keys)
        {
            if (!allowed.Contains(key) && !Always.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw ApiException.BadRequest($"unknown query parameter '{key}'");
            }
        }

        return new QueryReader(request.Query);
    }

    public bool Has(string name) => _query.ContainsKey(name);

    public string? One(string name)
    {
        var values = _query[name];
        return values.Count == 0 ? null : values[^1];
    }

    /// <summary>Every value, from repeated parameters and (unless <paramref name="splitCommas"/> is false) comma lists.</summary>
    public List<string>? Many(string name, bool splitCommas = true)
    {
        var values = _query[name];
        if (values.Count == 0)
        {
            return null;
        }

        var result = new List<string>();
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            if (splitCommas)
            {
                result.AddRange(value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            }
            else if (value.Length > 0)
            {
                result.Add(value);
            }
        }

        return result.Count == 0 ? null : result;
    }

    public int? Int(string name, int min, int max)
    {
        var text = One(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw ApiException.BadRequest($"invalid {name} '{text}': expected a whole number from {min} to {max}");
    }

    public DateTimeOffset? UnixMilliseconds(string name)
    {
        var text = One(name);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms is >= 0 and <= 253402300799999
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : throw ApiException.BadRequest($"invalid {name} '{text}': expected Unix time in milliseconds");
    }

    /// <summary>The page cursor: a number from an earlier response.</summary>
    public long? Cursor()
    {
        var text = One("cursor");
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor)
            ? cursor
            : throw ApiException.BadRequest($"invalid cursor '{text}'");
    }

    /// <summary><c>order</c>: <c>earliestFirst</c> or <c>latestFirst</c>.</summary>
    public bool Descending(bool byDefault)
    {
        var text = One("order");
        return text switch
        {
            null or "" => byDefault,
            _ when text.Equals("latestFirst", StringComparison.OrdinalIgnoreCase) => true,
            _ when text.Equals("earliestFirst", StringComparison.OrdinalIgnoreCase) => false,
            _ => throw ApiException.BadRequest($"invalid order '{text}': expected earliestFirst or latestFirst"),
        };
    }

    /// <summary>Builds the shared filter from whichever filter parameters the endpoint allowed.</summary>
    public QueryFilter Filter()
    {
        List<MessageState>? states = null;
        if (Many("state") is { } stateNames)
        {
            states = [];
            foreach (var name in stateNames)
            {
                states.AddRange(MessageStateNames.TryParseFilter(name, out var parsed)
                    ? parsed
                    : throw ApiException.BadRequest($"invalid state '{name}'"));
            }
        }

        List<int>? statuses = null;
        if (Many("responseStatus") is { } statusTexts)
        {
            statuses = statusTexts.Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var status)
                ? status
                : throw ApiException.BadRequest($"invalid responseStatus '{s}'")).ToList();
        }

        return new QueryFilter
        {
            MessageIds = Concat(Many("messageId"), Many("messageIds")),
            DlqIds = Many("dlqIds"),
            Urls = Many("url", splitCommas: false),
            Hosts = Many("host"),
            Paths = Many("path", splitCommas: false),
            TopicNames = Many("topicName"),
            QueueNames = Many("queueName"),
            ScheduleIds = Many("scheduleId"),
            Labels = Many("label"),
            FlowControlKeys = Many("flowControlKey"),
            CallerIps = Concat(Many("callerIp"), Many("callerIP")),
            ResponseStatuses = statuses,
            States = states,
            FromDate = UnixMilliseconds("fromDate"),
            ToDate = UnixMilliseconds("toDate"),
        };
    }

    private static List<string>? Concat(List<string>? a, List<string>? b) =>
        a is null ? b : b is null ? a : [.. a, .. b];
}
