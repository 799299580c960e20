namespace Herald.Bench.Configuration;

/// <summary>Message counts and durations of one <see cref="BenchMode"/>.</summary>
internal sealed record BenchCounts(
    int Messages,
    int Warmup,
    int PacedRate,
    TimeSpan PacedDuration,
    int DelayMessages,
    TimeSpan DelaySpread,
    int BacklogMessages,
    int Repeat)
{
    public static BenchCounts For(BenchMode mode) => mode switch
    {
        BenchMode.Tiny => new(300, 50, 200, TimeSpan.FromSeconds(2), 200, TimeSpan.FromSeconds(2), 1_000, 1),
        BenchMode.Quick => new(2_000, 2_000, 1_000, TimeSpan.FromSeconds(5), 2_000, TimeSpan.FromSeconds(5), 20_000, 1),
        _ => new(50_000, 50_000, 1_000, TimeSpan.FromSeconds(30), 10_000, TimeSpan.FromSeconds(10), 1_000_000, 3),
    };
}
