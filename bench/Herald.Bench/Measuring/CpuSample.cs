using System.Globalization;

namespace Herald.Bench.Measuring;

/// <summary>
/// CPU time from <c>/proc</c>: the whole machine's busy time, and this process's own time including its reaped
/// children (every <c>herald</c> it started and stopped). The difference over a run is what other processes used:
/// a benchmark on a shared machine is only as good as that number is small.
/// </summary>
internal readonly record struct CpuSample(long Timestamp, double MachineBusySeconds, double OwnSeconds)
{
    /// <summary>USER_HZ: the unit of <c>/proc</c> CPU times (100 on every mainstream Linux).</summary>
    private const double TicksPerSecond = 100;

    public static CpuSample? Take()
    {
        try
        {
            var cpu = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal (guest time is already counted in user).
            var busy = cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + cpu[7];
            var self = File.ReadAllText("/proc/self/stat");
            var fields = self[(self.LastIndexOf(')') + 2)..].Split(' ');
            // After the command name: state is field 3, so utime (14), stime (15), cutime (16), cstime (17) are 11..14.
            var own = Enumerable.Range(11, 4).Sum(i => double.Parse(fields[i], CultureInfo.InvariantCulture));
            return new CpuSample(Clock.Now(), busy / TicksPerSecond, own / TicksPerSecond);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>CPU cores' worth of work other processes did between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static double OtherCores(CpuSample? before, CpuSample? after)
    {
        if (before is not { } b || after is not { } a || a.Timestamp <= b.Timestamp)
        {
            return double.NaN;
        }

        var other = (a.MachineBusySeconds - b.MachineBusySeconds) - (a.OwnSeconds - b.OwnSeconds);
        return Math.Max(0, other) / Clock.Seconds(b.Timestamp, a.Timestamp);
    }
}
