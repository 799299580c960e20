using Herald.Core.Retry;

namespace Herald.Core.Tests.Retry;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2015, 10, 21, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void HeaderNames_AreInPriorityOrder() => Assert.Equal(
        ["Retry-After", "X-RateLimit-Reset", "X-RateLimit-Reset-Requests", "X-RateLimit-Reset-Tokens"],
        RetryAfterHeader.HeaderNames);

    [Theory]
    [InlineData("120", 120 * TimeSpan.TicksPerSecond)]
    [InlineData("0", 0)]
    [InlineData(" 5 ", 5 * TimeSpan.TicksPerSecond)]
    [InlineData("6m5s", 365 * TimeSpan.TicksPerSecond)]
    [InlineData("1.5s", 1500 * TimeSpan.TicksPerMillisecond)]
    [InlineData("250ms", 250 * TimeSpan.TicksPerMillisecond)]
    [InlineData("2h", 2 * TimeSpan.TicksPerHour)]
    [InlineData("1h0m0.5s", TimeSpan.TicksPerHour + (500 * TimeSpan.TicksPerMillisecond))]
    [InlineData("300us", 3000)]
    [InlineData("300\u00B5s", 3000)]
    [InlineData("300\u03BCs", 3000)]
    [InlineData("800ns", 8)]
    [InlineData("0s", 0)]
    [InlineData("Wed, 21 Oct 2015 07:28:00 GMT", 28 * TimeSpan.TicksPerMinute)]
    [InlineData("Wed, 21 Oct 2015 07:00:00 GMT", 0)]
    [InlineData("Wed, 21 Oct 2015 06:00:00 GMT", 0)]
    [InlineData("Thu, 01 Jan 1970 00:00:00 GMT", 0)]
    [InlineData("Wednesday, 21-Oct-15 07:00:30 GMT", 30 * TimeSpan.TicksPerSecond)]
    [InlineData("Wed Oct 21 07:01:00 2015", TimeSpan.TicksPerMinute)]
    public void TryParse_ValidValue_ReturnsDelay(string value, long expectedTicks)
    {
        Assert.True(RetryAfterHeader.TryParse(value, Now, out var delay));
        Assert.Equal(expectedTicks, delay.Ticks);
    }

    [Theory]
    [InlineData("86401")]
    [InlineData("25h")]
    [InlineData("99999999999999999999999999")]
    [InlineData("9999999999999h")]
    [InlineData("Thu, 22 Oct 2015 07:00:01 GMT")]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT")]
    public void TryParse_MoreThanOneDay_CapsToOneDay(string value)
    {
        Assert.True(RetryAfterHeader.TryParse(value, Now, out var delay));
        Assert.Equal(RetryAfterHeader.MaxDelay, delay);
        Assert.Equal(TimeSpan.FromDays(1), RetryAfterHeader.MaxDelay);
    }

    [Theory]
    [InlineData(1445412480L, 28 * TimeSpan.TicksPerMinute)]
    [InlineData(1445410800L, 0)]
    [InlineData(1000000000L, 0)]
    public void TryParse_UnixTimeSeconds_IsMeasuredFromNow(long resetAt, long expectedTicks)
    {
        Assert.True(RetryAfterHeader.TryParse(resetAt.ToString(System.Globalization.CultureInfo.InvariantCulture), Now, out var delay));
        Assert.Equal(expectedTicks, delay.Ticks);
    }

    [Fact]
    public void TryParse_ExactlyOneDay_ReturnsOneDay()
    {
        Assert.True(RetryAfterHeader.TryParse("86400", Now, out var delay));
        Assert.Equal(TimeSpan.FromDays(1), delay);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("-1")]
    [InlineData("-5s")]
    [InlineData("+5")]
    [InlineData("1d")]
    [InlineData("1.5")]
    [InlineData("5x")]
    [InlineData("soon")]
    [InlineData("1h30")]
    [InlineData("5 s")]
    [InlineData("Thu, 21 Oct 2015 07:28:00 GMT")]
    [InlineData("Wed, 21 Oct 2015 07:28:00 +0000")]
    [InlineData("2015-10-21T07:28:00Z")]
    [InlineData("Wed, 32 Oct 2015 07:28:00 GMT")]
    [InlineData("99999999999999999999999999x")]
    public void TryParse_Garbage_ReturnsFalse(string? value)
    {
        Assert.False(RetryAfterHeader.TryParse(value, Now, out var delay));
        Assert.Equal(TimeSpan.Zero, delay);
    }
}
