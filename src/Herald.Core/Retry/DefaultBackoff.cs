namespace Herald.Core.Retry;

/// <summary>QStash's default retry backoff: <c>min(86400, e^(2.5·n))</c> seconds after the n-th failed retry.</summary>
public static class DefaultBackoff
{
    private const double MaxSeconds = 86_400;

    /// <summary>
    /// The delay before the next attempt, where <paramref name="retriesDone"/> counts the retries done including the
    /// one that just failed (values below 1 are treated as 1).
    /// </summary>
    public static TimeSpan Delay(int retriesDone)
    {
        var n = Math.Max(1, retriesDone);
        var seconds = Math.Min(MaxSeconds, Math.Exp(2.5 * n));
        return TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond, MidpointRounding.AwayFromZero));
    }
}
