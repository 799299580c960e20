using Herald.Contracts.Headers;
using Herald.Core.Messages;

namespace Herald.Core.Publishing;

/// <summary>Parses <c>Upstash-Redact-Fields</c>: <c>body</c>, <c>header</c> (or <c>headers</c>) for all headers, <c>header[Name]</c>.</summary>
internal static class RedactFieldsParser
{
    public static RedactFields? Parse(IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var body = false;
        var all = false;
        var names = new List<string>();
        foreach (var value in values)
        {
            foreach (var token in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (token.Equals("body", StringComparison.OrdinalIgnoreCase))
                {
                    body = true;
                }
                else if (token.Equals("header", StringComparison.OrdinalIgnoreCase) || token.Equals("headers", StringComparison.OrdinalIgnoreCase))
                {
                    all = true;
                }
                else if (TryHeaderName(token, out var name))
                {
                    names.Add(HeaderName.Canonicalize(name));
                }
                else
                {
                    throw new PublishRejectedException($"invalid {UpstashHeaders.RedactFields} entry '{token}': expected body, header or header[Name]");
                }
            }
        }

        return new RedactFields(body, all, names);
    }

    private static bool TryHeaderName(string token, out string name)
    {
        name = "";
        var open = token.IndexOf('[', StringComparison.Ordinal);
        if (open < 0 || !token.EndsWith(']'))
        {
            return false;
        }

        var prefix = token[..open];
        if (!prefix.Equals("header", StringComparison.OrdinalIgnoreCase) && !prefix.Equals("headers", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        name = token[(open + 1)..^1].Trim();
        return HeaderName.IsValid(name);
    }
}
