namespace Herald.Bench.Scenarios;

internal enum TargetKind
{
    /// <summary>The median must be at most the value.</summary>
    AtMost,

    /// <summary>The median divided by another scenario's median must be at least the value.</summary>
    RatioAtLeast,
}
