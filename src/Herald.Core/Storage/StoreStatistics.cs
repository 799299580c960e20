namespace Herald.Core.Storage;

public sealed record StoreStatistics(long Pending, long Active, long Dlq, long Events);
