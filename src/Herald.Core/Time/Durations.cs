using System.Globalization;
using System.Text;

namespace Herald.Core.Time;

/// <summary>
/// The QStash duration grammar (<c>Upstash-Delay</c>, retention, timeouts): a bare non-negative integer of seconds
/// (<c>30</c>) or concatenated <c>&lt;number&gt;&lt;unit&gt;</c> groups (<c>1d10h30m</c>, <c>1.5h</c>, <c>250ms</c>)
/// with units <c>d h m s ms us µs μs ns</c>.
/// </summary>
public static class Durations
{
    /// <summary>Parses <paramref name="text"/> (surrounding whitespace ignored); never throws.</summary>
    /// <returns><see langword="false"/> for malformed, negative or out-of-range input.</returns>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        return text is not null
            && DurationParser.Parse(text.AsSpan().Trim(), allowDays: true, out value) == DurationParseStatus.Valid;
    }

    /// <summary>Formats <paramref name="value"/> compactly, e.g. <c>1d2h3m4s</c>, <c>1s500ms</c>, <c>0s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var ticks = value.Ticks;
        var magnitude = ticks < 0 ? (ulong)(-(ticks + 1)) + 1 : (ulong)ticks;
        var builder = new StringBuilder(24);
        if (ticks < 0)
        {
            builder.Append('-');
        }

        Append(builder, magnitude / TimeSpan.TicksPerDay, "d");
        Append(builder, magnitude / TimeSpan.TicksPerHour % 24, "h");
        Append(builder, magnitude / TimeSpan.TicksPerMinute % 60, "m");
        Append(builder, magnitude / TimeSpan.TicksPerSecond % 60, "s");
        var subSecond = magnitude % TimeSpan.TicksPerSecond;
        Append(builder, subSecond / TimeSpan.TicksPerMillisecond, "ms");
        Append(builder, subSecond % TimeSpan.TicksPerMillisecond / TimeSpan.TicksPerMicrosecond, "us");
        Append(builder, subSecond % TimeSpan.TicksPerMicrosecond * TimeSpan.NanosecondsPerTick, "ns");
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, ulong amount, string unit)
    {
        if (amount != 0)
        {
            builder.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }
}
