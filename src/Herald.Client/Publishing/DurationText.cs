using System.Globalization;

namespace Herald.Client.Publishing;

/// <summary>Formats durations the way QStash reads them: whole seconds as <c>10s</c>, anything finer as milliseconds (<c>250ms</c>).</summary>
internal static class DurationText
{
    public static string Format(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative");
        }

        if (value.Ticks % TimeSpan.TicksPerSecond == 0)
        {
            return ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        }

        // Sub-millisecond remainders round up so a tiny positive duration never becomes zero.
        var milliseconds = (value.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;
        return milliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
    }
}
