namespace Herald.Client;

/// <summary>The order of a listing.</summary>
public enum ListOrder
{
    /// <summary>Oldest first (<c>earliestFirst</c>; the DLQ's default).</summary>
    EarliestFirst,

    /// <summary>Newest first (<c>latestFirst</c>; the logs' default).</summary>
    LatestFirst,
}
