namespace Herald.Server.Tests.Support;

/// <summary>
/// The system clock with a wall-clock offset that a test can change at once, as an NTP step or an operator does;
/// monotonic timestamps and timers are unaffected, as they are by a real jump.
/// </summary>
public sealed class JumpingTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public void Jump(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
