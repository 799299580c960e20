namespace Herald.Storage.Sqlite;

/// <summary>A <c>flow_keys</c> row and the starts counted in the last period.</summary>
internal sealed record FlowKeyRow(
    int? Parallelism,
    int? Rate,
    long PeriodMs,
    bool Paused,
    bool PinnedParallelism,
    bool PinnedRate,
    int StartsInPeriod,
    long? OldestStartInPeriod);
