namespace Herald.Core.Storage;

/// <summary>One pruning pass: what is older than each bound goes, at most <see cref="BatchSize"/> rows per table.</summary>
public sealed record PruneRequest(
    DateTimeOffset Now,
    DateTimeOffset DeliveredBefore,
    DateTimeOffset EventsBefore,
    DateTimeOffset DlqBefore,
    int BatchSize);
