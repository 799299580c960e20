namespace Herald.Core.Tests.Time;

public sealed class SmokeTests
{
    [Fact]
    public void TimeProvider_System_IsAvailable() => Assert.NotNull(TimeProvider.System);
}
