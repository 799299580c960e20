using System.Globalization;

namespace Herald.Bench.Measuring;

/// <summary>
/// CPU cores Herald and the harness kept busy over a measured phase (process CPU time from <c>/proc/&lt;pid&gt;/stat</c>
/// over wall time): whether Herald is short of CPU (near the machine's core count) or serialized (near one core).
/// </summary>
internal sealed class CpuMeter
{
    private const double TicksPerSecond = 100;
    private readonly int _heraldPid;
    private readonly long _started = Clock.Now();
    private readonly double _heraldStart;
    private readonly double _selfStart;

    private CpuMeter(int heraldPid)
    {
        _heraldPid = heraldPid;
        _heraldStart = Seconds(heraldPid.ToString(CultureInfo.InvariantCulture));
        _selfStart = Seconds("self");
    }

    public static CpuMeter Start(int heraldPid) => new(heraldPid);

    /// <summary>Herald's and the harness's average busy cores since <see cref="Start"/> (NaN where unreadable).</summary>
    public (double Herald, double Harness) Stop()
    {
        var wall = Clock.Seconds(_started, Clock.Now());
        var herald = Seconds(_heraldPid.ToString(CultureInfo.InvariantCulture)) - _heraldStart;
        var self = Seconds("self") - _selfStart;
        return (herald / wall, self / wall);
    }

    /// <summary>utime + stime of /proc/<paramref name="pid"/>/stat in seconds, NaN if unreadable.</summary>
    private static double Seconds(string pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return double.NaN;
        }
    }
}
