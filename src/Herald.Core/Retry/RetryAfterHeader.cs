using System.Globalization;
using Herald.Core.Time;

namespace Herald.Core.Retry;

/// <summary>
/// Reads the delay a destination asks for in <c>Retry-After</c> and the rate-limit reset headers: an integer number
/// of seconds, an HTTP date, or a Go-style duration (<c>6m5s</c>, <c>1.5s</c>, <c>250ms</c>). An integer of
/// 1,000,000,000 or more is a Unix time in seconds (as GitHub and others send <c>X-RateLimit-Reset</c>), since a
/// relative delay that long would be capped anyway.
/// </summary>
public static class RetryAfterHeader
{
    /// <summary>The headers consulted, highest priority first.</summary>
    public static readonly IReadOnlyList<string> HeaderNames = Array.AsReadOnly(
    [
        "Retry-After",
        "X-RateLimit-Reset",
        "X-RateLimit-Reset-Requests",
        "X-RateLimit-Reset-Tokens",
    ]);

    private const long UnixTimeThreshold = 1_000_000_000;

    /// <summary>The longest delay honoured; longer requests are capped to it.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    // IMF-fixdate (RFC 9110 §5.6.7) plus the obsolete RFC 850 and asctime forms recipients must accept.
    private static readonly string[] HttpDateFormats =
    [
        "r",
        "dddd, dd'-'MMM'-'yy HH':'mm':'ss 'GMT'",
        "ddd MMM d HH':'mm':'ss yyyy",
    ];

    /// <summary>Parses <paramref name="value"/>; a date is measured from <paramref name="now"/> (past dates give zero).</summary>
    /// <returns><see langword="false"/> when the value is missing or not in any accepted form.</returns>
    public static bool TryParse(string? value, DateTimeOffset now, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (value is null)
        {
            return false;
        }

        var text = value.AsSpan().Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= UnixTimeThreshold)
        {
            var untilReset = DateTimeOffset.FromUnixTimeSeconds(Math.Min(number, 253402300799)) - now;
            delay = untilReset <= TimeSpan.Zero ? TimeSpan.Zero : Cap(untilReset);
            return true;
        }

        switch (DurationParser.Parse(text, allowDays: false, out var duration))
        {
            case DurationParseStatus.Valid:
                delay = Cap(duration);
                return true;
            case DurationParseStatus.Overflow:
                delay = MaxDelay;
                return true;
        }

        const DateTimeStyles Styles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowInnerWhite;
        if (!DateTimeOffset.TryParseExact(text, HttpDateFormats, CultureInfo.InvariantCulture, Styles, out var date))
        {
            return false;
        }

        var untilDate = date - now;
        delay = untilDate <= TimeSpan.Zero ? TimeSpan.Zero : Cap(untilDate);
        return true;
    }

    private static TimeSpan Cap(TimeSpan delay) => delay > MaxDelay ? MaxDelay : delay;
}
