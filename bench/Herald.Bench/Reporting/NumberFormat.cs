using System.Globalization;

namespace Herald.Bench.Reporting;

/// <summary>Numbers as the table shows them: thousands separators for rates and counts, a few significant digits for times.</summary>
internal static class NumberFormat
{
    public static string Format(double? value, string unit)
    {
        if (value is not { } v)
        {
            return "n/a";
        }

        var text = unit switch
        {
            "ms" or "s" => Math.Abs(v) switch
            {
                < 10 => v.ToString("0.00", CultureInfo.InvariantCulture),
                < 100 => v.ToString("0.0", CultureInfo.InvariantCulture),
                _ => v.ToString("N0", CultureInfo.InvariantCulture),
            },
            "cores" => v.ToString("0.00", CultureInfo.InvariantCulture),
            "MB" => v.ToString(Math.Abs(v) < 10 ? "0.0" : "N0", CultureInfo.InvariantCulture),
            _ => v.ToString("N0", CultureInfo.InvariantCulture),
        };
        return unit is "count" or "msgs/s" ? text : $"{text} {unit}";
    }
}
