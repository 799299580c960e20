using System.Globalization;

namespace Herald.Bench.Hosting;

/// <summary>Resident memory of a process from <c>/proc/&lt;pid&gt;/status</c>: current (VmRSS) and peak (VmHWM).</summary>
internal readonly record struct ProcessMemory(long RssBytes, long PeakRssBytes)
{
    public static ProcessMemory? Read(int pid)
    {
        try
        {
            long rss = -1, peak = -1;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = Kilobytes(line);
                }
            }

            return rss < 0 || peak < 0 ? null : new ProcessMemory(rss * 1024, peak * 1024);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Kilobytes(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(parts[1], CultureInfo.InvariantCulture);
    }
}
