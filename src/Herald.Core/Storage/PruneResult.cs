namespace Herald.Core.Storage;

public sealed record PruneResult(int Messages, int Events, int DlqEntries, int DedupKeys)
{
    public int Total => Messages + Events + DlqEntries + DedupKeys;
}
