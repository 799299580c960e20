namespace Herald.Bench.Measuring;

/// <summary>
/// On a shared machine: waits before a run until other processes keep less than <see cref="Threshold"/> CPU cores
/// busy (sampled over 2 s), at most the given time, then runs anyway.
/// </summary>
internal static class QuietMachine
{
    public const double Threshold = 0.15;
    private static readonly TimeSpan Sample = TimeSpan.FromSeconds(2);

    public static async Task WaitAsync(TimeSpan atMost, TextWriter progress, string label, CancellationToken cancellationToken)
    {
        var deadline = Clock.Now() + Clock.Ticks(atMost);
        var said = false;
        while (true)
        {
            var before = CpuSample.Take();
            await Task.Delay(Sample, cancellationToken);
            var other = CpuSample.OtherCores(before, CpuSample.Take());
            if (double.IsNaN(other) || other < Threshold)
            {
                return;
            }

            if (Clock.Now() > deadline)
            {
                await progress.WriteLineAsync($"[{label}] other processes still use {other:0.00} CPU cores; running anyway");
                return;
            }

            if (!said)
            {
                await progress.WriteLineAsync($"[{label}] waiting for the machine to quiet down (other processes use {other:0.00} CPU cores)");
                said = true;
            }
        }
    }
}
