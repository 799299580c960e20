using System.Globalization;
using System.Text;

namespace Herald.Client.Http;

/// <summary>
/// Builds a query string with every name and value percent-escaped (RFC 3986); a list becomes repeated parameters
/// (<c>label=a&amp;label=b</c>), which both Herald and QStash read as "any of".
/// </summary>
internal sealed class QueryBuilder
{
    private readonly StringBuilder _builder = new();

    public QueryBuilder Add(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }

        _builder.Append(_builder.Length == 0 ? '?' : '&')
            .Append(Uri.EscapeDataString(name))
            .Append('=')
            .Append(Uri.EscapeDataString(value));
        return this;
    }

    public QueryBuilder Add(string name, IEnumerable<string>? values)
    {
        foreach (var value in values ?? [])
        {
            Add(name, value);
        }

        return this;
    }

    public QueryBuilder Add(string name, int? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public QueryBuilder Add(string name, IEnumerable<int>? values) =>
        Add(name, values?.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    /// <summary>A time as Unix milliseconds, the unit of every date filter.</summary>
    public QueryBuilder Add(string name, DateTimeOffset? value) =>
        Add(name, value?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    /// <summary>The query string with its leading <c>?</c>, or empty.</summary>
    public override string ToString() => _builder.ToString();
}
