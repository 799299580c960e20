namespace Herald.Core.Time;

/// <summary>
/// Parses durations: a bare non-negative integer (seconds) or one or more <c>&lt;number&gt;&lt;unit&gt;</c>
/// groups, each number being digits with an optional <c>.digits</c> fraction.
/// Arithmetic is done in <see cref="decimal"/> ticks, so the result is exact up to the final rounding to a tick.
/// </summary>
internal static class DurationParser
{
    private const int MaxIntegerDigits = 22;
    private const int MaxFractionDigits = 18;
    private static readonly decimal MaxTicks = TimeSpan.MaxValue.Ticks;

    /// <param name="text">The trimmed text.</param>
    /// <param name="allowDays">Whether the <c>d</c> unit is accepted (Go durations have none).</param>
    /// <param name="value">The duration when the result is <see cref="DurationParseStatus.Valid"/>.</param>
    public static DurationParseStatus Parse(ReadOnlySpan<char> text, bool allowDays, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (text.IsEmpty)
        {
            return DurationParseStatus.Invalid;
        }

        if (!text.ContainsAnyExceptInRange('0', '9'))
        {
            return Accumulate(text, TimeSpan.TicksPerSecond, ref value);
        }

        var total = 0m;
        var overflow = false;
        var index = 0;
        while (index < text.Length)
        {
            if (!TryReadNumber(text, ref index, out var number))
            {
                return DurationParseStatus.Invalid;
            }

            var unitStart = index;
            while (index < text.Length && !IsNumberChar(text[index]))
            {
                index++;
            }

            if (!TryGetUnitTicks(text[unitStart..index], allowDays, out var unitTicks))
            {
                return DurationParseStatus.Invalid;
            }

            if (overflow || number > MaxTicks / unitTicks)
            {
                overflow = true;
                continue;
            }

            total += number * unitTicks;
            overflow = total > MaxTicks;
        }

        return overflow ? DurationParseStatus.Overflow : ToTimeSpan(total, out value);
    }

    private static DurationParseStatus Accumulate(ReadOnlySpan<char> digits, long unitTicks, ref TimeSpan value)
    {
        var index = 0;
        _ = TryReadNumber(digits, ref index, out var number);
        return number > MaxTicks / unitTicks ? DurationParseStatus.Overflow : ToTimeSpan(number * unitTicks, out value);
    }

    private static DurationParseStatus ToTimeSpan(decimal ticks, out TimeSpan value)
    {
        var rounded = decimal.Round(ticks, MidpointRounding.AwayFromZero);
        if (rounded > MaxTicks)
        {
            value = TimeSpan.Zero;
            return DurationParseStatus.Overflow;
        }

        value = TimeSpan.FromTicks((long)rounded);
        return DurationParseStatus.Valid;
    }

    /// <summary>Reads <c>digits[.digits]</c>; a number too large for any unit comes back as <see cref="decimal.MaxValue"/>.</summary>
    private static bool TryReadNumber(ReadOnlySpan<char> text, ref int index, out decimal number)
    {
        number = 0m;
        var start = index;
        var significant = 0;
        while (index < text.Length && char.IsAsciiDigit(text[index]))
        {
            var digit = text[index] - '0';
            if (significant > 0 || digit != 0)
            {
                significant++;
            }

            if (significant <= MaxIntegerDigits)
            {
                number = (number * 10) + digit;
            }

            index++;
        }

        if (index == start)
        {
            return false;
        }

        if (significant > MaxIntegerDigits)
        {
            number = decimal.MaxValue;
        }

        if (index == text.Length || text[index] != '.')
        {
            return true;
        }

        index++;
        var fractionStart = index;
        var mantissa = 0L;
        byte scale = 0;
        while (index < text.Length && char.IsAsciiDigit(text[index]))
        {
            if (scale < MaxFractionDigits)
            {
                mantissa = (mantissa * 10) + (text[index] - '0');
                scale++;
            }

            index++;
        }

        if (index == fractionStart)
        {
            return false;
        }

        if (number != decimal.MaxValue)
        {
            number += new decimal((int)(mantissa & 0xFFFFFFFF), (int)(mantissa >> 32), 0, isNegative: false, scale);
        }

        return true;
    }

    private static bool IsNumberChar(char c) => char.IsAsciiDigit(c) || c == '.';

    private static bool TryGetUnitTicks(ReadOnlySpan<char> unit, bool allowDays, out decimal ticks)
    {
        ticks = unit switch
        {
            "d" when allowDays => TimeSpan.TicksPerDay,
            "h" => TimeSpan.TicksPerHour,
            "m" => TimeSpan.TicksPerMinute,
            "s" => TimeSpan.TicksPerSecond,
            "ms" => TimeSpan.TicksPerMillisecond,
            "us" or "\u00B5s" or "\u03BCs" => TimeSpan.TicksPerMicrosecond,
            "ns" => 0.01m,
            _ => 0m,
        };
        return ticks != 0m;
    }
}
