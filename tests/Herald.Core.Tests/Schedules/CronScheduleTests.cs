using Herald.Core.Publishing;
using Herald.Core.Schedules;

namespace Herald.Core.Tests.Schedules;

public sealed class CronScheduleTests
{
    // A Tuesday.
    private static readonly DateTimeOffset Noon = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("* * * * *", "2030-01-01T12:01:00Z")]
    [InlineData("*/10 * * * *", "2030-01-01T12:10:00Z")]
    [InlineData("0 4 * * *", "2030-01-02T04:00:00Z")]
    [InlineData("30 12 * * MON-FRI", "2030-01-01T12:30:00Z")]
    [InlineData("0 0 1 * *", "2030-02-01T00:00:00Z")]
    [InlineData("0 0 L * *", "2030-01-31T00:00:00Z")]
    [InlineData("@hourly", "2030-01-01T13:00:00Z")]
    [InlineData("@daily", "2030-01-02T00:00:00Z")]
    public void NextAfter_FiveFieldsInUtc_IsTheFollowingOccurrence(string expression, string expected)
    {
        var cron = CronSchedule.Parse(expression);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), cron.NextAfter(Noon));
    }

    [Fact]
    public void NextAfter_AtAnOccurrence_IsStrictlyLater()
    {
        var cron = CronSchedule.Parse("* * * * *");

        Assert.Equal(Noon.AddMinutes(1), cron.NextAfter(Noon));
        Assert.Equal(Noon.AddMinutes(1), cron.NextAfter(Noon.AddSeconds(59.999)));
    }

    [Fact]
    public void Parse_SurroundingWhitespace_TextIsTrimmed()
    {
        var cron = CronSchedule.Parse("  */10 * * * * ");

        Assert.Equal("*/10 * * * *", cron.Text);
    }

    [Fact]
    public void NextAfter_CronTzPrefix_EvaluatesInThatZoneAcrossDaylightSaving()
    {
        var cron = CronSchedule.Parse("CRON_TZ=Europe/Berlin 0 9 * * *");

        Assert.Equal("Europe/Berlin", cron.Zone.Id);
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 8, 0, 0, TimeSpan.Zero), cron.NextAfter(Noon));
        Assert.Equal(new DateTimeOffset(2030, 7, 2, 7, 0, 0, TimeSpan.Zero), cron.NextAfter(new DateTimeOffset(2030, 7, 1, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.Zero, cron.NextAfter(Noon)!.Value.Offset);
    }

    [Fact]
    public void NextAfter_CronTzAmericaNewYork_UsesThatZone()
    {
        var cron = CronSchedule.Parse("CRON_TZ=America/New_York 0 4 * * *");

        Assert.Equal(new DateTimeOffset(2030, 1, 2, 9, 0, 0, TimeSpan.Zero), cron.NextAfter(Noon));
    }

    [Fact]
    public void NextAfter_DayOfMonthAndDayOfWeekBothRestricted_EitherDayFires()
    {
        // Standard cron: the 15th of the month OR any Friday; 2030-01-04 is a Friday.
        var cron = CronSchedule.Parse("0 0 15 * FRI");

        Assert.Equal(new DateTimeOffset(2030, 1, 4, 0, 0, 0, TimeSpan.Zero), cron.NextAfter(Noon));
        Assert.Equal(new DateTimeOffset(2030, 1, 11, 0, 0, 0, TimeSpan.Zero), cron.NextAfter(new DateTimeOffset(2030, 1, 4, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2030, 1, 15, 0, 0, 0, TimeSpan.Zero), cron.NextAfter(new DateTimeOffset(2030, 1, 11, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void NextAfter_DayOfWeekStep_StillRequiresTheDayOfMonth()
    {
        // A field starting with * counts as unrestricted, so only the 15th matches (and it must also be in the step).
        var cron = CronSchedule.Parse("0 0 15 * */1");

        Assert.Equal(new DateTimeOffset(2030, 1, 15, 0, 0, 0, TimeSpan.Zero), cron.NextAfter(Noon));
    }

    [Fact]
    public void NextAfter_ImpossibleDate_IsNull()
    {
        var cron = CronSchedule.Parse("0 0 31 2 *");

        Assert.Null(cron.NextAfter(Noon));
    }

    [Theory]
    [InlineData("* * * * * *", "seconds are not supported")]
    [InlineData("0 */5 * * * *", "6 fields")]
    [InlineData("@every_second", "seconds are not supported")]
    [InlineData("* * * *", "expected 5 fields")]
    [InlineData("* * * * * * *", "expected 5 fields")]
    [InlineData("61 * * * *", "Minutes")]
    [InlineData("* 24 * * *", "Hours")]
    [InlineData("* * * 13 *", "Month")]
    [InlineData("H * * * *", "hashed")]
    [InlineData("every minute", "expected 5 fields")]
    [InlineData("@sometimes", "invalid Upstash-Cron")]
    [InlineData("CRON_TZ=Europe/Berlin", "CRON_TZ=<IANA zone> <expression>")]
    [InlineData("CRON_TZ=Mars/Olympus_Mons * * * * *", "unknown time zone 'Mars/Olympus_Mons'")]
    [InlineData("CRON_TZ=../../etc/passwd * * * * *", "invalid time zone")]
    [InlineData("CRON_TZ=W. Europe Standard Time * * * * *", "time zone")]
    public void Parse_InvalidExpression_ThrowsWithTheReason(string expression, string reason)
    {
        var error = Assert.Throws<PublishRejectedException>(() => CronSchedule.Parse(expression));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Missing_ThrowsRequired(string? expression)
    {
        var error = Assert.Throws<PublishRejectedException>(() => CronSchedule.Parse(expression));

        Assert.Contains("Upstash-Cron is required", error.Message, StringComparison.Ordinal);
    }
}
