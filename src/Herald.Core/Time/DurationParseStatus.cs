namespace Herald.Core.Time;

/// <summary>Outcome of <see cref="DurationParser.Parse"/>.</summary>
internal enum DurationParseStatus
{
    /// <summary>The text is not a duration.</summary>
    Invalid,

    /// <summary>The text is a well-formed duration.</summary>
    Valid,

    /// <summary>The text is well-formed but its value exceeds <see cref="TimeSpan.MaxValue"/>.</summary>
    Overflow,
}
