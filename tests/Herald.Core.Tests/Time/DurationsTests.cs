using Herald.Core.Time;

namespace Herald.Core.Tests.Time;

public sealed class DurationsTests
{
    public static TheoryData<string, long> ValidDurations => new()
    {
        { "30", 30 * TimeSpan.TicksPerSecond },
        { "0", 0 },
        { "000", 0 },
        { "0s", 0 },
        { "50s", 50 * TimeSpan.TicksPerSecond },
        { "10h", 10 * TimeSpan.TicksPerHour },
        { "1d", TimeSpan.TicksPerDay },
        { "1d10h30m", TimeSpan.TicksPerDay + (10 * TimeSpan.TicksPerHour) + (30 * TimeSpan.TicksPerMinute) },
        { "250ms", 250 * TimeSpan.TicksPerMillisecond },
        { "1m30s", 90 * TimeSpan.TicksPerSecond },
        { "1.5h", 90 * TimeSpan.TicksPerMinute },
        { "6m5s", 365 * TimeSpan.TicksPerSecond },
        { "1.25s", 1250 * TimeSpan.TicksPerMillisecond },
        { "0.5d", 12 * TimeSpan.TicksPerHour },
        { "7us", 70 },
        { "7\u00B5s", 70 },
        { "7\u03BCs", 70 },
        { "100ns", 1 },
        { "50ns", 1 },
        { "49ns", 0 },
        { "1.5us", 15 },
        { "1s500ms", 1500 * TimeSpan.TicksPerMillisecond },
        { "1h1h", 2 * TimeSpan.TicksPerHour },
        { "2m1ms", (2 * TimeSpan.TicksPerMinute) + TimeSpan.TicksPerMillisecond },
        { "  45s\t", 45 * TimeSpan.TicksPerSecond },
        { " 12 ", 12 * TimeSpan.TicksPerSecond },
        { "0.000000000000000000001s", 0 },
        { "000000000000000000000000000001s", TimeSpan.TicksPerSecond },
        { "922337203685s", 922337203685 * TimeSpan.TicksPerSecond },
        { "10675199d", 10675199 * TimeSpan.TicksPerDay },
    };

    [Theory]
    [MemberData(nameof(ValidDurations))]
    public void TryParse_ValidText_ReturnsDuration(string text, long expectedTicks)
    {
        Assert.True(Durations.TryParse(text, out var value));
        Assert.Equal(expectedTicks, value.Ticks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-1")]
    [InlineData("-5s")]
    [InlineData("+5s")]
    [InlineData("+5")]
    [InlineData("5x")]
    [InlineData("5S")]
    [InlineData("5H")]
    [InlineData("5Ms")]
    [InlineData("5sec")]
    [InlineData("5 s")]
    [InlineData("1h 30m")]
    [InlineData("1h30")]
    [InlineData("1d1")]
    [InlineData("h")]
    [InlineData("s5")]
    [InlineData(".5s")]
    [InlineData("5.s")]
    [InlineData("5.")]
    [InlineData("1.5")]
    [InlineData("1..5s")]
    [InlineData("1.5.5s")]
    [InlineData("1,5s")]
    [InlineData("1e3s")]
    [InlineData("0x10s")]
    [InlineData("١s")]
    [InlineData("10675200d")]
    [InlineData("922337203686s")]
    [InlineData("922337203686")]
    [InlineData("99999999999999999999999999999999999999d")]
    [InlineData("99999999999999999999999999999999999999")]
    [InlineData("10675199d10675199d")]
    public void TryParse_InvalidText_ReturnsFalse(string? text)
    {
        Assert.False(Durations.TryParse(text, out var value));
        Assert.Equal(TimeSpan.Zero, value);
    }

    [Fact]
    public void TryParse_TimeSpanMaxValueInNanoseconds_Succeeds()
    {
        var text = $"{TimeSpan.MaxValue.Ticks}00ns";

        Assert.True(Durations.TryParse(text, out var value));
        Assert.Equal(TimeSpan.MaxValue, value);
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(250 * TimeSpan.TicksPerMillisecond, "250ms")]
    [InlineData(TimeSpan.TicksPerDay + (2 * TimeSpan.TicksPerHour) + (3 * TimeSpan.TicksPerMinute) + (4 * TimeSpan.TicksPerSecond), "1d2h3m4s")]
    [InlineData(90 * TimeSpan.TicksPerMinute, "1h30m")]
    [InlineData(1500 * TimeSpan.TicksPerMillisecond, "1s500ms")]
    [InlineData(3 * TimeSpan.TicksPerDay, "3d")]
    [InlineData(15L, "1us500ns")]
    [InlineData(1L, "100ns")]
    [InlineData(-30 * TimeSpan.TicksPerSecond, "-30s")]
    public void Format_Value_ReturnsCompactText(long ticks, string expected) =>
        Assert.Equal(expected, Durations.Format(TimeSpan.FromTicks(ticks)));

    [Fact]
    public void Format_Extremes_DoNotThrow()
    {
        Assert.StartsWith("10675199d", Durations.Format(TimeSpan.MaxValue), StringComparison.Ordinal);
        Assert.StartsWith("-10675199d", Durations.Format(TimeSpan.MinValue), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(12345678901L)]
    [InlineData(TimeSpan.TicksPerDay + 1)]
    [InlineData(long.MaxValue)]
    public void Format_NonNegativeValue_RoundTripsThroughTryParse(long ticks)
    {
        var text = Durations.Format(TimeSpan.FromTicks(ticks));

        Assert.True(Durations.TryParse(text, out var parsed));
        Assert.Equal(ticks, parsed.Ticks);
    }
}
