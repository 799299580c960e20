using System.Diagnostics;

namespace Herald.Bench.Measuring;

/// <summary>
/// Time for measurements: <see cref="Stopwatch"/> timestamps (monotonic, sub-microsecond) for intervals, and the
/// system wall clock (the one Herald stamps <c>notBefore</c> with) only where Herald's own timestamps are compared.
/// </summary>
internal static class Clock
{
    public static long Now() => Stopwatch.GetTimestamp();

    /// <summary>Wall-clock time in Unix milliseconds with sub-millisecond precision.</summary>
    public static double WallUnixMs() => (TimeProvider.System.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMilliseconds;

    public static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    public static double Seconds(long from, long to) => (to - from) / (double)Stopwatch.Frequency;

    public static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
