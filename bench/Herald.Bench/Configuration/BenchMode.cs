namespace Herald.Bench.Configuration;

/// <summary>How big the run is: the counts, a quick check (under 2 minutes) or a tiny smoke run for tests.</summary>
internal enum BenchMode
{
    Full,
    Quick,
    Tiny,
}
