namespace Herald.Core.Publishing;

/// <summary>
/// The publish headers of a callback message: JSON content, every <c>Upstash-Callback-&lt;X&gt;</c> option as
/// <c>Upstash-&lt;X&gt;</c>, and the source message's retries unless the options set their own.
/// </summary>
public static class CallbackRequests
{
    public static List<KeyValuePair<string, string>> Headers(IReadOnlyDictionary<string, string[]>? options, int sourceRetries)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Content-Type", "application/json") };
        var hasRetries = false;
        foreach (var (name, values) in options ?? new Dictionary<string, string[]>())
        {
            hasRetries |= name.Equals("Retries", StringComparison.OrdinalIgnoreCase);
            foreach (var value in values)
            {
                headers.Add(new KeyValuePair<string, string>("Upstash-" + name, value));
            }
        }

        if (!hasRetries)
        {
            headers.Add(new KeyValuePair<string, string>("Upstash-Retries", sourceRetries.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return headers;
    }
}
