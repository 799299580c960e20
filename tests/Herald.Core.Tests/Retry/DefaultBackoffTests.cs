using Herald.Core.Retry;

namespace Herald.Core.Tests.Retry;

public sealed class DefaultBackoffTests
{
    [Theory]
    [InlineData(1, 12_182.494)]
    [InlineData(2, 148_413.159)]
    [InlineData(3, 1_808_042.414)]
    [InlineData(4, 22_026_465.795)]
    [InlineData(5, 86_400_000)]
    [InlineData(6, 86_400_000)]
    [InlineData(100, 86_400_000)]
    [InlineData(int.MaxValue, 86_400_000)]
    public void Delay_RetriesDone_MatchesQStashSchedule(int retriesDone, double expectedMs) =>
        Assert.Equal(expectedMs, DefaultBackoff.Delay(retriesDone).TotalMilliseconds, tolerance: 1);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Delay_BelowOne_TreatedAsOne(int retriesDone) =>
        Assert.Equal(DefaultBackoff.Delay(1), DefaultBackoff.Delay(retriesDone));

    [Fact]
    public void Delay_Cap_IsExactlyOneDay() => Assert.Equal(TimeSpan.FromDays(1), DefaultBackoff.Delay(5));
}
