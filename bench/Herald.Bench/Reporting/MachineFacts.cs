namespace Herald.Bench.Reporting;

/// <summary>The machine a result was measured on.</summary>
internal sealed record MachineFacts
{
    public required string Cpu { get; init; }

    public required int LogicalCpus { get; init; }

    public required double MemoryGiB { get; init; }

    public required string Os { get; init; }

    public required string Kernel { get; init; }

    public required string Dotnet { get; init; }

    public string? SqliteVersion { get; init; }

    public string? SqliteSynchronous { get; init; }

    public required string HeraldDll { get; init; }

    public string Describe() =>
        $"{Cpu}, {LogicalCpus} logical CPUs, {MemoryGiB:0.0} GiB RAM; {Os} ({Kernel}); {Dotnet}; " +
        $"SQLite {SqliteVersion ?? "?"}, WAL, synchronous={SqliteSynchronous ?? "?"}";
}
