using System.Globalization;
using System.Runtime.InteropServices;

namespace Herald.Bench.Reporting;

/// <summary>Reads the machine facts from <c>/proc</c> and <c>/etc/os-release</c> (Linux; other systems get what .NET knows).</summary>
internal static class MachineInfo
{
    public static MachineFacts Collect(string heraldDll, BenchNotes notes) => new()
    {
        Cpu = Field("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString(),
        LogicalCpus = Environment.ProcessorCount,
        MemoryGiB = Math.Round(MemoryKiB() / 1024.0 / 1024.0, 1),
        Os = Field("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription,
        Kernel = Kernel(),
        Dotnet = RuntimeInformation.FrameworkDescription,
        SqliteVersion = notes.SqliteVersion,
        SqliteSynchronous = notes.SqliteSynchronous,
        HeraldDll = heraldDll,
    };

    private static string Kernel()
    {
        try
        {
            return "Linux " + File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.OSDescription;
        }
        catch (UnauthorizedAccessException)
        {
            return RuntimeInformation.OSDescription;
        }
    }

    private static double MemoryKiB()
    {
        var total = Field("/proc/meminfo", "MemTotal", ':');
        return total is not null && double.TryParse(total.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var kib)
            ? kib
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0;
    }

    private static string? Field(string path, string name, char separator)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                var at = line.IndexOf(separator, StringComparison.Ordinal);
                if (at > 0 && string.Equals(line[..at].Trim(), name, StringComparison.Ordinal))
                {
                    return line[(at + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}
